package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code retry:} the Collector's own retry block of this exporter. It maps onto the exporter
 * helper's backoff ({@code enabled}, {@code initial_interval}, {@code max_interval}); {@code
 * max_retries} bounds how often the documents still pending are sent again before they are
 * dead-lettered; {@code retry_on_status} names the statuses, of a whole request or of one document,
 * that are retried.
 */
public record BulkRetryConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("max_requests") Integer maxRequests,
    @JsonProperty("max_retries") Integer maxRetries,
    @JsonProperty("initial_interval") Duration initialInterval,
    @JsonProperty("max_interval") Duration maxInterval,
    @JsonProperty("retry_on_status") List<Integer> retryOnStatus)
    implements Validatable {

  /** The Collector's default: 429 only, so a document a node may have indexed is not sent twice. */
  private static final List<Integer> DEFAULT_STATUSES = List.of(429);

  public BulkRetryConfig {
    enabled = enabled == null || enabled;
    initialInterval = initialInterval == null ? Duration.ofMillis(100) : initialInterval;
    maxInterval = maxInterval == null ? Duration.ofMinutes(1) : maxInterval;
    retryOnStatus = retryOnStatus == null ? DEFAULT_STATUSES : List.copyOf(retryOnStatus);
  }

  /**
   * How many times pending documents are sent again: {@code max_retries} (default 2), or the
   * deprecated {@code max_requests} less the first attempt.
   */
  public int retries() {
    if (maxRetries != null) {
      return maxRetries;
    }
    return maxRequests != null ? Math.max(maxRequests - 1, 0) : 2;
  }

  /** The statuses retried. */
  public Set<Integer> statuses() {
    return Set.copyOf(retryOnStatus);
  }

  /**
   * The exporter helper's backoff for this block: its intervals, no time limit of its own (the
   * number of retries ends it), the helper's usual growth.
   */
  public RetryConfig helperRetry() {
    return new RetryConfig(enabled, initialInterval, maxInterval, Duration.ZERO, null, null);
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(
        maxRequests == null || maxRetries == null,
        "max_retries",
        "cannot be combined with max_requests (deprecated: give max_retries only)");
    errors.check(maxRequests == null || maxRequests >= 0, "max_requests", "must be >= 0");
    errors.check(maxRetries == null || maxRetries >= 0, "max_retries", "must be >= 0");
    errors.check(initialInterval.toNanos() > 0, "initial_interval", "must be > 0");
    errors.check(
        maxInterval.compareTo(initialInterval) >= 0, "max_interval", "must be >= initial_interval");
    for (int i = 0; i < retryOnStatus.size(); i++) {
      Integer status = retryOnStatus.get(i);
      errors.check(
          status != null && status >= 100 && status <= 599,
          "retry_on_status[" + i + "]",
          "must be an HTTP status (100 to 599)");
    }
  }
}
