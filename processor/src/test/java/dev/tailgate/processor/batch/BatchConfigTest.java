package dev.tailgate.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchConfigTest {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  private ConfigErrors errors = new ConfigErrors();

  private BatchConfig bind(String text) throws Exception {
    JsonNode node = yaml.readTree(text);
    return new ConfigBinder()
        .bind(node, BatchConfig.class, "processors.batch", errors)
        .orElse(null);
  }

  @Test
  void bindsTheCollectorsKeys() throws Exception {
    BatchConfig config = bind("{ send_batch_size: 100, send_batch_max_size: 200, timeout: 1s }");

    assertThat(config.sendBatchSize()).isEqualTo(100);
    assertThat(config.sendBatchMaxSize()).isEqualTo(200);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void bindsTheCollectorsMetadataKeysAndWarnsTheyDoNotSplitBatchesHere() throws Exception {
    BatchConfig config =
        bind("{ metadata_keys: [tenant, X-Region], metadata_cardinality_limit: 10 }");

    assertThat(config.metadataKeys()).containsExactly("tenant", "X-Region");
    assertThat(config.metadataCardinalityLimit()).isEqualTo(10);
    assertThat(errors.warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("processors.batch.metadata_keys: has no effect here");
  }

  @Test
  void refusesMetadataKeysThatDifferOnlyInCaseAsTheCollector() throws Exception {
    assertThat(bind("{ metadata_keys: [Tenant, tenant] }")).isNull();

    assertThat(errors.problems())
        .containsExactly(
            "processors.batch.metadata_keys: duplicate entry \"tenant\" (case-insensitive)");
  }

  @Test
  void acceptsATimeoutOfZeroAsTheCollector() throws Exception {
    assertThat(bind("{ timeout: 0s }").timeout()).isZero();
    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void emptyConfigGetsTheDefaults() throws Exception {
    BatchConfig config = bind("~");

    assertThat(config).isEqualTo(new BatchConfig(8192, 0, Duration.ofMillis(200)));
  }

  @Test
  void rejectsAMaxSizeBelowTheBatchSizeNamingTheKey() throws Exception {
    assertThat(bind("{ send_batch_size: 100, send_batch_max_size: 10 }")).isNull();

    assertThat(errors.problems())
        .containsExactly(
            "processors.batch.send_batch_max_size: must be 0 or >= send_batch_size (100)");
  }

  @Test
  void rejectsUnknownKeysAndBadDurations() throws Exception {
    bind("{ send_batch_sise: 100 }");
    bind("{ timeout: soon }");

    assertThat(errors.problems()).hasSize(2);
    assertThat(errors.problems().get(0))
        .startsWith("processors.batch.send_batch_sise: unknown key");
    assertThat(errors.problems().get(1))
        .startsWith("processors.batch.timeout: \"soon\" is not a duration");
  }
}
