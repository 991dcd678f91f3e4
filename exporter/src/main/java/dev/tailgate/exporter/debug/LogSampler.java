package dev.tailgate.exporter.debug;

import java.time.Clock;

/**
 * Lets the first {@code initial} batches of each clock second through, then every {@code
 * thereafter}-th of that second, as the Collector's debug exporter samples its log.
 */
final class LogSampler {
  private final Clock clock;
  private final int initial;
  private final int thereafter;
  private long second = Long.MIN_VALUE;
  private long seen;

  LogSampler(Clock clock, int initial, int thereafter) {
    this.clock = clock;
    this.initial = initial;
    this.thereafter = thereafter;
  }

  synchronized boolean admit() {
    long now = Math.floorDiv(clock.millis(), 1000L);
    if (now != second) {
      second = now;
      seen = 0;
    }
    seen++;
    return seen <= initial || (seen - initial) % thereafter == 0;
  }
}
