package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;

/**
 * {@code rate_limiting}: see {@link RateLimitingConfig}. The bucket starts full, so up to {@code
 * burst_capacity} spans pass at once; a trace of more spans than that is never kept. A refused
 * trace takes nothing, so a smaller one may still fit.
 */
final class RateLimitingPolicy implements Policy {
  private final String name;
  private final TokenBucket bucket;

  RateLimitingPolicy(String name, Clock clock, long spansPerSecond, long burstCapacity) {
    this.name = name;
    this.bucket = new TokenBucket(clock, spansPerSecond, burstCapacity);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    return Decision.of(bucket.tryTake(trace.spans().size()));
  }
}
