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
    @JsonProperty("spike_limit_percentage") Integer spikeLimitPercentage,
    @JsonProperty("min_gc_interval_when_soft_limited") Duration minGcIntervalWhenSoftLimited,
    @JsonProperty("min_gc_interval_when_hard_limited") Duration minGcIntervalWhenHardLimited,
    @JsonProperty("max_gc_interval_when_soft_limited") Duration maxGcIntervalWhenSoftLimited,
    @JsonProperty("max_gc_interval_when_hard_limited") Duration maxGcIntervalWhenHardLimited)
    implements Validatable {

  public MemoryLimiterConfig {
    // The Collector's defaults. The max_* pair is kept only to be checked and reported.
    minGcIntervalWhenSoftLimited =
        minGcIntervalWhenSoftLimited == null
            ? Duration.ofSeconds(10)
            : minGcIntervalWhenSoftLimited;
    minGcIntervalWhenHardLimited =
        minGcIntervalWhenHardLimited == null ? Duration.ZERO : minGcIntervalWhenHardLimited;
  }

  /** The limits alone, the Collector's garbage collection intervals. */
  public MemoryLimiterConfig(
      Duration checkInterval,
      Integer limitMib,
      Integer spikeLimitMib,
      Integer limitPercentage,
      Integer spikeLimitPercentage) {
    this(
        checkInterval,
        limitMib,
        spikeLimitMib,
        limitPercentage,
        spikeLimitPercentage,
        null,
        null,
        null,
        null);
  }

  private static final long MIB = 1024L * 1024L;

  // No defaults for the limits on purpose: check_interval and one limit are required (as in the
  // Collector), and the default spike (20% of the limit) is computed in bytes by limits(), because
  // for a percentage limit it depends on the heap, known only at runtime.

  /**
   * Which unit the limit is given in; valid only after {@link #validate}. As in the Collector,
   * {@code limit_mib} wins when both are set.
   */
  boolean inPercent() {
    return limitMib == null || limitMib == 0;
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
      spike = unset(spikeLimitPercentage) ? null : percentOf(maxHeapBytes, spikeLimitPercentage);
    } else {
      hard = limitMib * MIB;
      spike = unset(spikeLimitMib) ? null : spikeLimitMib * MIB;
    }
    long headroom = spike == null ? hard / 5 : spike;
    return new MemoryLimits(hard, hard - headroom);
  }

  /** How long a refused client is asked to wait: the check interval, at least a second. */
  public Duration retryAfter() {
    Duration second = Duration.ofSeconds(1);
    return checkInterval.compareTo(second) < 0 ? second : checkInterval;
  }

  /** A spike of 0 means "the default", as in the Collector, where 0 is the unset value. */
  private static boolean unset(Integer spike) {
    return spike == null || spike == 0;
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
    validateGcIntervals(errors);
    if ((limitMib == null || limitMib == 0) && (limitPercentage == null || limitPercentage == 0)) {
      errors.add("", "set limit_mib or limit_percentage (> 0)");
      return;
    }
    if (inPercent()) {
      validatePercentages(errors);
    } else {
      validateMib(errors);
    }
  }

  private void validateMib(ConfigErrors errors) {
    if (limitPercentage != null && limitPercentage != 0) {
      errors.warn("limit_percentage", "has no effect here: limit_mib is set and takes precedence");
    }
    if (spikeLimitPercentage != null && spikeLimitPercentage != 0) {
      errors.warn(
          "spike_limit_percentage",
          "has no effect here: it goes with limit_percentage; with limit_mib the spike is"
              + " spike_limit_mib (by default 20% of limit_mib)");
    }
    if (limitMib < 0) {
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
    if (spikeLimitMib != null && spikeLimitMib != 0) {
      errors.warn(
          "spike_limit_mib",
          "has no effect here: it goes with limit_mib; with limit_percentage the spike is"
              + " spike_limit_percentage (by default 20% of limit_percentage)");
    }
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

  /** The Collector's rules for the four collection intervals. */
  private void validateGcIntervals(ConfigErrors errors) {
    errors.check(
        !minGcIntervalWhenHardLimited.isNegative(),
        "min_gc_interval_when_hard_limited",
        "must be >= 0");
    errors.check(
        minGcIntervalWhenSoftLimited.compareTo(minGcIntervalWhenHardLimited) >= 0,
        "min_gc_interval_when_soft_limited",
        "must be >= min_gc_interval_when_hard_limited");
    checkMax(errors, "soft", maxGcIntervalWhenSoftLimited, minGcIntervalWhenSoftLimited);
    checkMax(errors, "hard", maxGcIntervalWhenHardLimited, minGcIntervalWhenHardLimited);
    if (maxGcIntervalWhenSoftLimited != null
        && maxGcIntervalWhenHardLimited != null
        && maxGcIntervalWhenSoftLimited.toNanos() > 0
        && maxGcIntervalWhenHardLimited.toNanos() > 0) {
      errors.check(
          maxGcIntervalWhenSoftLimited.compareTo(maxGcIntervalWhenHardLimited) >= 0,
          "max_gc_interval_when_soft_limited",
          "must be >= max_gc_interval_when_hard_limited (when both are set)");
    }
  }

  private static void checkMax(ConfigErrors errors, String mode, Duration max, Duration min) {
    if (max == null) {
      return;
    }
    String key = "max_gc_interval_when_" + mode + "_limited";
    errors.check(!max.isNegative(), key, "must be >= 0 (0: no backoff)");
    errors.check(
        max.toNanos() <= 0 || max.compareTo(min) >= 0,
        key,
        "must be >= min_gc_interval_when_" + mode + "_limited (or 0)");
    errors.warn(
        key,
        "has no effect here: a collection that frees nothing is requested again after the min"
            + " interval, without backing off");
  }
}
