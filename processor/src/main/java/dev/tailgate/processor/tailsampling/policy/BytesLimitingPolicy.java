package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;

/**
 * {@code bytes_limiting}: see {@link BytesLimitingConfig}. A trace larger than the burst capacity
 * is never kept.
 */
final class BytesLimitingPolicy implements Policy {
  private final String name;
  private final TokenBucket bucket;

  BytesLimitingPolicy(String name, Clock clock, long bytesPerSecond, long burstCapacity) {
    this.name = name;
    this.bucket = new TokenBucket(clock, bytesPerSecond, burstCapacity);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    return Decision.of(bucket.tryTake(trace.encodedBytes()));
  }
}
