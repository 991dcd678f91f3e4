package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * {@code retry_on_failure}: exponential backoff between attempts on retryable errors. A delay the
 * backend asks for (gRPC RetryInfo, HTTP Retry-After) replaces the computed one. {@code
 * max_elapsed_time: 0} retries until shutdown.
 */
public record RetryConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("initial_interval") Duration initialInterval,
    @JsonProperty("max_interval") Duration maxInterval,
    @JsonProperty("max_elapsed_time") Duration maxElapsedTime,
    @JsonProperty("multiplier") Double multiplier,
    @JsonProperty("randomization_factor") Double randomizationFactor)
    implements Validatable {

  public static final RetryConfig DEFAULT = new RetryConfig(null, null, null, null, null, null);

  public RetryConfig {
    enabled = enabled == null || enabled;
    initialInterval = initialInterval == null ? Duration.ofSeconds(5) : initialInterval;
    maxInterval = maxInterval == null ? Duration.ofSeconds(30) : maxInterval;
    maxElapsedTime = maxElapsedTime == null ? Duration.ofMinutes(5) : maxElapsedTime;
    multiplier = multiplier == null ? 1.5 : multiplier;
    randomizationFactor = randomizationFactor == null ? 0.5 : randomizationFactor;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(initialInterval.toNanos() > 0, "retry_on_failure.initial_interval", "must be > 0");
    errors.check(
        maxInterval.compareTo(initialInterval) >= 0,
        "retry_on_failure.max_interval",
        "must be >= initial_interval");
    errors.check(!maxElapsedTime.isNegative(), "retry_on_failure.max_elapsed_time", "must be >= 0");
    errors.check(multiplier >= 1, "retry_on_failure.multiplier", "must be >= 1");
    errors.check(
        randomizationFactor >= 0 && randomizationFactor < 1,
        "retry_on_failure.randomization_factor",
        "must be in [0, 1)");
  }
}
