package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExporterSettingsTest {

  @Test
  void keysNotWrittenTakeTheExportersDefaults() {
    QueueConfig oneConsumer = new QueueConfig(null, 1, null, null, null);
    ExporterSettings defaults =
        ExporterSettings.DEFAULTS.withTimeout(Duration.ofSeconds(30)).withQueue(oneConsumer);

    assertThat(defaults.timeoutOr(null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.queueOr(null)).isSameAs(oneConsumer);
    assertThat(defaults.retryOr(null)).isSameAs(RetryConfig.DEFAULT);
  }

  @Test
  void keysWrittenWinOverTheDefaults() {
    RetryConfig written = new RetryConfig(false, null, null, null, null, null);

    assertThat(ExporterSettings.DEFAULTS.timeoutOr(Duration.ofMillis(200)))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(ExporterSettings.DEFAULTS.queueOr(QueueConfig.DEFAULT))
        .isSameAs(QueueConfig.DEFAULT);
    assertThat(ExporterSettings.DEFAULTS.retryOr(written)).isSameAs(written);
  }

  @Test
  void theCommonDefaultsAreFiveSecondsTheDefaultQueueAndRetries() {
    assertThat(ExporterSettings.DEFAULTS)
        .isEqualTo(
            new ExporterSettings(Duration.ofSeconds(5), QueueConfig.DEFAULT, RetryConfig.DEFAULT));
  }

  @Test
  void validationNamesEachKeyBelowTheExporter() {
    ConfigErrors errors = new ConfigErrors();
    new ExporterSettings(
            Duration.ZERO,
            new QueueConfig(null, 0, null, null, null),
            new RetryConfig(null, null, null, null, 0.5, null))
        .validate(errors.at("exporters.otlp"));

    assertThat(errors.problems())
        .containsExactly(
            "exporters.otlp.timeout: must be > 0",
            "exporters.otlp.sending_queue.num_consumers: must be > 0",
            "exporters.otlp.retry_on_failure.multiplier: must be >= 1");
  }
}
