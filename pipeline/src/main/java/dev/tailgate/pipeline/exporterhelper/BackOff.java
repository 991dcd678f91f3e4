package dev.tailgate.pipeline.exporterhelper;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for one batch's attempts: each delay is the current interval
 * spread by ± randomization_factor, and the interval grows by the multiplier up to max_interval.
 * Written here rather than taken from a retry library because the retry loop must also honour
 * server hints, stop at shutdown and report per-exporter metrics; the arithmetic is these lines.
 */
final class BackOff {
  private final RetryConfig config;
  private final DoubleSupplier random;
  private double intervalNanos;

  BackOff(RetryConfig config, DoubleSupplier random) {
    this.config = config;
    this.random = random;
    this.intervalNanos = config.initialInterval().toNanos();
  }

  Duration next() {
    double spread = config.randomizationFactor() * intervalNanos;
    double delay = intervalNanos - spread + random.getAsDouble() * 2 * spread;
    intervalNanos = Math.min(intervalNanos * config.multiplier(), config.maxInterval().toNanos());
    return Duration.ofNanos((long) delay);
  }
}
