package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code rate_limiting}: a token bucket of spans, refilled continuously at {@code spans_per_second}
 * up to {@code burst_capacity} (default twice the rate, the Collector's); a trace is kept if its
 * spans are in the bucket.
 */
public record RateLimitingConfig(
    @JsonProperty("spans_per_second") Long spansPerSecond,
    @JsonProperty("burst_capacity") Long burstCapacity)
    implements Validatable {

  public RateLimitingConfig {
    // The Collector takes an unset or 0 burst as "twice the rate"; pasted configs may say 0.
    if ((burstCapacity == null || burstCapacity == 0)
        && spansPerSecond != null
        && spansPerSecond > 0) {
      burstCapacity = spansPerSecond > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * spansPerSecond;
    }
  }

  /** Only the rate: the burst is twice it. */
  public RateLimitingConfig(Long spansPerSecond) {
    this(spansPerSecond, null);
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (spansPerSecond == null) {
      errors.add("spans_per_second", "required (> 0)");
      return;
    }
    errors.check(spansPerSecond > 0, "spans_per_second", "must be > 0");
    errors.check(
        burstCapacity == null || burstCapacity > 0,
        "burst_capacity",
        "must be > 0 (unset: 2 × spans_per_second)");
  }
}
