package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A bucket that starts full, refills continuously at a rate on the clock, and never holds more than
 * its capacity.
 */
final class TokenBucket {
  private final Clock clock;
  private final double perSecond;
  private final double capacity;
  private double tokens;
  private Instant refilledAt;

  TokenBucket(Clock clock, long perSecond, long capacity) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.tokens = capacity;
    this.refilledAt = clock.instant();
  }

  /** Takes {@code amount} tokens if the bucket holds them. */
  boolean tryTake(long amount) {
    refill();
    if (amount > tokens) {
      return false;
    }
    tokens -= amount;
    return true;
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(refilledAt)) {
      // Multiply first: whole numbers of tokens then come out exact, not 499.99999.
      double added = (double) Duration.between(refilledAt, now).toNanos() * perSecond / 1e9;
      tokens = Math.min(capacity, tokens + added);
      refilledAt = now;
    }
  }
}
