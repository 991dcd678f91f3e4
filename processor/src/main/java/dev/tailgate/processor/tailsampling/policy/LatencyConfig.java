package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code latency}: keeps traces lasting at least {@code threshold_ms} (latest span end minus
 * earliest span start) and, when {@code upper_threshold_ms} is not 0, at most that.
 */
public record LatencyConfig(
    @JsonProperty("threshold_ms") Long thresholdMs,
    @JsonProperty("upper_threshold_ms") Long upperThresholdMs)
    implements Validatable {

  public LatencyConfig {
    upperThresholdMs = upperThresholdMs == null ? 0L : upperThresholdMs;
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (thresholdMs == null) {
      errors.add("threshold_ms", "required (> 0)");
    } else {
      errors.check(thresholdMs > 0, "threshold_ms", "must be > 0");
    }
    errors.check(upperThresholdMs >= 0, "upper_threshold_ms", "must be >= 0 (0: no upper bound)");
    if (thresholdMs != null && upperThresholdMs > 0) {
      errors.check(
          upperThresholdMs >= thresholdMs,
          "upper_threshold_ms",
          "must be 0 or >= threshold_ms (" + thresholdMs + ")");
    }
  }
}
