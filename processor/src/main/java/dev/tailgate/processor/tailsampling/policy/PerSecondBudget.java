package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;

/**
 * Spans taken in the clock's current whole second, against a limit; the count starts over each
 * second.
 */
final class PerSecondBudget {
  private final Clock clock;
  private final long limit;
  private long second = Long.MIN_VALUE;
  private long taken;

  PerSecondBudget(Clock clock, long limit) {
    this.clock = clock;
    this.limit = limit;
  }

  boolean fits(long spans) {
    rollOver();
    return taken + spans <= limit;
  }

  void take(long spans) {
    rollOver();
    taken += spans;
  }

  boolean tryTake(long spans) {
    if (!fits(spans)) {
      return false;
    }
    take(spans);
    return true;
  }

  private void rollOver() {
    long now = clock.instant().getEpochSecond();
    if (now != second) {
      second = now;
      taken = 0;
    }
  }
}
