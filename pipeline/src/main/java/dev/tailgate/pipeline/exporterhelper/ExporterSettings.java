package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * The keys every exporter has: {@code timeout}, {@code sending_queue}, {@code retry_on_failure}
 * (the Collector's exporterhelper settings). An exporter config keeps them as its own keys, takes
 * the ones not written from its defaults ({@link #DEFAULTS}, or those with the exporter's own
 * documented changes) and validates them here, so their rules and messages are written once.
 */
public record ExporterSettings(Duration timeout, QueueConfig queue, RetryConfig retry)
    implements Validatable {

  /** The common defaults: 5 s per attempt, the default queue, the default retries. */
  public static final ExporterSettings DEFAULTS =
      new ExporterSettings(Duration.ofSeconds(5), QueueConfig.DEFAULT, RetryConfig.DEFAULT);

  public ExporterSettings withTimeout(Duration defaultTimeout) {
    return new ExporterSettings(defaultTimeout, queue, retry);
  }

  public ExporterSettings withQueue(QueueConfig defaultQueue) {
    return new ExporterSettings(timeout, defaultQueue, retry);
  }

  public ExporterSettings withRetry(RetryConfig defaultRetry) {
    return new ExporterSettings(timeout, queue, defaultRetry);
  }

  /** {@code timeout} as written, or this default when the key is absent. */
  public Duration timeoutOr(Duration written) {
    return written == null ? timeout : written;
  }

  /** {@code sending_queue} as written, or this default when the block is absent. */
  public QueueConfig queueOr(QueueConfig written) {
    return written == null ? queue : written;
  }

  /** {@code retry_on_failure} as written, or this default when the block is absent. */
  public RetryConfig retryOr(RetryConfig written) {
    return written == null ? retry : written;
  }

  /**
   * Validates at the exporter's level: keys are named {@code timeout}, {@code sending_queue.*},
   * {@code retry_on_failure.*}.
   */
  @Override
  public void validate(ConfigErrors errors) {
    errors.check(timeout.toNanos() > 0, "timeout", "must be > 0");
    queue.validate(errors);
    retry.validate(errors);
  }
}
