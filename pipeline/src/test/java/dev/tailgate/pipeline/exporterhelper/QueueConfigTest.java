package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ConfigErrors errors = new ConfigErrors();

  /** Shaped like an exporter's config, which validates its sending_queue below its own path. */
  record ExporterConfig(@JsonProperty("sending_queue") QueueConfig sendingQueue)
      implements Validatable {
    ExporterConfig {
      sendingQueue = sendingQueue == null ? QueueConfig.DEFAULT : sendingQueue;
    }

    @Override
    public void validate(ConfigErrors errors) {
      sendingQueue.validate(errors);
    }
  }

  private Optional<QueueConfig> bind(String yaml) throws Exception {
    return new ConfigBinder()
        .bind(YAML.readTree(yaml), ExporterConfig.class, "exporters.otlp", errors)
        .map(ExporterConfig::sendingQueue);
  }

  @Test
  void withoutStorageTheQueueIsInMemory() throws Exception {
    QueueConfig queue = bind("sending_queue: { queue_size: 5 }").orElseThrow();

    assertThat(queue.persistent()).isFalse();
    assertThat(queue).isEqualTo(new QueueConfig(true, 10, QueueSizer.REQUESTS, 5L, null));
  }

  @Test
  void storageDirectoryMakesTheQueuePersistent() throws Exception {
    QueueConfig queue =
        bind("sending_queue: { storage: { directory: /var/lib/tailgate/queue } }").orElseThrow();

    assertThat(queue.persistent()).isTrue();
    assertThat(queue.storage().path()).isEqualTo(Path.of("/var/lib/tailgate/queue"));
    assertThat(queue.sizer()).isEqualTo(QueueSizer.BYTES);
    assertThat(queue.queueSize()).isEqualTo(128L * 1024 * 1024);
  }

  @Test
  void aQueueSizeWithoutSizerCountsRequestsAsInTheCollector() throws Exception {
    assertThat(bind("sending_queue: { queue_size: 1000 }").orElseThrow().sizer())
        .isEqualTo(QueueSizer.REQUESTS);
    assertThat(bind("sending_queue: { num_consumers: 2 }").orElseThrow().sizer())
        .isEqualTo(QueueSizer.BYTES);
  }

  @Test
  void sizerChoosesWhatQueueSizeCountsWithItsOwnDefault() throws Exception {
    assertThat(bind("sending_queue: { sizer: requests }").orElseThrow().queueSize())
        .isEqualTo(1000);
    assertThat(bind("sending_queue: { sizer: items, queue_size: 5000 }").orElseThrow())
        .extracting(QueueConfig::sizer, QueueConfig::queueSize)
        .containsExactly(QueueSizer.ITEMS, 5000L);
  }

  @Test
  void storageWithoutDirectoryNamesTheKey() throws Exception {
    assertThat(bind("sending_queue: { storage: {} }")).isEmpty();

    assertThat(errors.problems())
        .containsExactly("exporters.otlp.sending_queue.storage.directory: is required");
  }

  @Test
  void aBlankDirectoryNamesTheKey() throws Exception {
    assertThat(bind("sending_queue: { storage: { directory: ' ' } }")).isEmpty();

    assertThat(errors.problems())
        .containsExactly("exporters.otlp.sending_queue.storage.directory: is required");
  }

  @Test
  void storageOfADisabledQueueIsAnError() throws Exception {
    assertThat(bind("sending_queue: { enabled: false, storage: { directory: /tmp/q } }")).isEmpty();

    assertThat(errors.problems())
        .containsExactly(
            "exporters.otlp.sending_queue.storage: needs the queue (sending_queue.enabled: true)");
  }

  @Test
  void anUnknownStorageKeyIsNamed() throws Exception {
    assertThat(bind("sending_queue: { storage: { dir: /tmp/q } }")).isEmpty();

    assertThat(errors.problems()).hasSize(1);
    assertThat(errors.problems().get(0))
        .startsWith("exporters.otlp.sending_queue.storage.dir: unknown key \"dir\"");
  }
}
