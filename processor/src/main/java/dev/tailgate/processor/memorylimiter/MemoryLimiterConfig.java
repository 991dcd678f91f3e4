package dev.tailgate.processor.memorylimiter;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * {@code memory_limiter}: every {@code check_interval} reads the heap in use; above the soft limit
 * ({@code limit - spike}) the processor refuses data until use falls below it again. The limit is
 * given either in MiB ({@code limit_mib}) or as a percentage of the JVM's maximum heap ({@code
 * limit_percentage}); the spike headroom in the same unit, by default 20% of the limit.
 */
public record MemoryLimiterConfig(
    @JsonProperty("check_interval") Duration checkInterval,
    @JsonProperty("limit_mib") Integer limitMib,
    @JsonProperty("spike_limit_mib") Integer spikeLimitMib,
    @JsonProperty("limit_percentage") Integer limitPercentage,
    @JsonProperty("spike_limit_percentage") Integer spikeLimitPercentage)
    implements Validatable {

  private static final long MIB = 1024L * 1024L;

  // No defaults here on purpose: check_interval and one limit are required (as in the Collector),
  // and the default spike (20% of the limit) is computed in bytes by limits(), because for a
  // percentage limit it depends on the heap, known only at runtime.

  /** Which unit the limit is given in; valid only after {@link #validate}. */
  boolean inPercent() {
    return limitPercentage != null;
  }

  /**
   * The hard and soft limits in bytes for a heap of at most {@code maxHeapBytes}. Call only on a
   * validated config.
   */
  public MemoryLimits limits(long maxHeapBytes) {
    long hard;
    Long spike;
    if (inPercent()) {
      hard = percentOf(maxHeapBytes, limitPercentage);
      spike = spikeLimitPercentage == null ? null : percentOf(maxHeapBytes, spikeLimitPercentage);
    } else {
      hard = limitMib * MIB;
      spike = spikeLimitMib == null ? null : spikeLimitMib * MIB;
    }
    long headroom = spike == null ? hard / 5 : spike;
    return new MemoryLimits(hard, hard - headroom);
  }

  /** How long a refused client is asked to wait: the check interval, at least a second. */
  public Duration retryAfter() {
    Duration second = Duration.ofSeconds(1);
    return checkInterval.compareTo(second) < 0 ? second : checkInterval;
  }

  private static long percentOf(long bytes, int percent) {
    // Divide first: a heap near Long.MAX_VALUE ("no limit") must not overflow.
    return bytes / 100 * percent;
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (checkInterval == null) {
      errors.add("check_interval", "is required (example: 1s)");
    } else {
      errors.check(checkInterval.toNanos() > 0, "check_interval", "must be > 0");
    }
    if (limitMib == null && limitPercentage == null) {
      errors.add("", "set limit_mib or limit_percentage");
      return;
    }
    if (limitMib != null && limitPercentage != null) {
      errors.add("limit_percentage", "set either limit_mib or limit_percentage, not both");
      return;
    }
    if (inPercent()) {
      validatePercentages(errors);
    } else {
      validateMib(errors);
    }
  }

  private void validateMib(ConfigErrors errors) {
    errors.check(
        spikeLimitPercentage == null,
        "spike_limit_percentage",
        "goes with limit_percentage; with limit_mib use spike_limit_mib");
    if (limitMib <= 0) {
      errors.add("limit_mib", "must be > 0");
      return;
    }
    if (spikeLimitMib != null) {
      errors.check(spikeLimitMib >= 0, "spike_limit_mib", "must be >= 0");
      errors.check(
          spikeLimitMib < limitMib, "spike_limit_mib", "must be < limit_mib (" + limitMib + ")");
    }
  }

  private void validatePercentages(ConfigErrors errors) {
    errors.check(
        spikeLimitMib == null,
        "spike_limit_mib",
        "goes with limit_mib; with limit_percentage use spike_limit_percentage");
    if (limitPercentage <= 0 || limitPercentage > 100) {
      errors.add("limit_percentage", "must be between 1 and 100");
      return;
    }
    if (spikeLimitPercentage != null) {
      errors.check(spikeLimitPercentage >= 0, "spike_limit_percentage", "must be >= 0");
      errors.check(
          spikeLimitPercentage < limitPercentage,
          "spike_limit_percentage",
          "must be < limit_percentage (" + limitPercentage + ")");
    }
  }
}
