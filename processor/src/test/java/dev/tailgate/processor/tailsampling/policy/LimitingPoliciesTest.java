package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.traceOfBytes;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.traceOfSpans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** rate_limiting and bytes_limiting, on a clock that moves only when told. */
class LimitingPoliciesTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00.100Z"));

  @Test
  void rateLimitingLetsABurstOfBurstCapacitySpansThroughAtOnceAndTheNextWaits() {
    Policy policy = new RateLimitingPolicy("rl", clock, 10, 30);

    for (int i = 0; i < 30; i++) {
      assertThat(policy.evaluate(traceOfSpans(1))).as("trace %d", i).isEqualTo(Decision.SAMPLE);
    }
    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.NOT_SAMPLE);

    clock.advance(Duration.ofMillis(99)); // 0.99 of a span refilled
    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.NOT_SAMPLE);
    clock.advance(Duration.ofMillis(1));
    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void rateLimitingBurstIsTwiceTheRateUnlessSet() {
    RateLimitingConfig unset = new RateLimitingConfig(10L, null);
    RateLimitingConfig zero = new RateLimitingConfig(10L, 0L);
    RateLimitingConfig set = new RateLimitingConfig(10L, 15L);

    assertThat(unset.burstCapacity()).isEqualTo(20L);
    assertThat(zero.burstCapacity()).isEqualTo(20L);
    assertThat(set.burstCapacity()).isEqualTo(15L);
  }

  @Test
  void rateLimitingRefillsContinuouslyAtSpansPerSecond() {
    Policy policy = new RateLimitingPolicy("rl", clock, 10, 20);
    assertThat(policy.evaluate(traceOfSpans(20))).isEqualTo(Decision.SAMPLE);

    clock.advance(Duration.ofMillis(500));
    assertThat(policy.evaluate(traceOfSpans(6))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(5))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void rateLimitingLetsASmallerTraceThroughAfterRefusingABigOne() {
    Policy policy = new RateLimitingPolicy("rl", clock, 10, 10);

    assertThat(policy.evaluate(traceOfSpans(7))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(5))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(3))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void rateLimitingNeverKeepsATraceLargerThanTheBurstCapacity() {
    Policy policy = new RateLimitingPolicy("rl", clock, 10, 20);
    clock.advance(Duration.ofHours(1));

    assertThat(policy.evaluate(traceOfSpans(21))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(20))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void bytesLimitingAllowsABurstUpToTheCapacity() {
    Policy policy = new BytesLimitingPolicy("bl", clock, 1_000, 3_000);

    assertThat(policy.evaluate(traceOfBytes(2_000))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfBytes(1_000))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfBytes(1))).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void bytesLimitingRefillsContinuouslyAtTheRate() {
    Policy policy = new BytesLimitingPolicy("bl", clock, 1_000, 3_000);
    assertThat(policy.evaluate(traceOfBytes(3_000))).isEqualTo(Decision.SAMPLE);

    clock.advance(Duration.ofMillis(499));
    assertThat(policy.evaluate(traceOfBytes(500))).isEqualTo(Decision.NOT_SAMPLE);
    clock.advance(Duration.ofMillis(1));
    assertThat(policy.evaluate(traceOfBytes(500))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfBytes(1))).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void bytesLimitingNeverHoldsMoreThanTheCapacity() {
    Policy policy = new BytesLimitingPolicy("bl", clock, 1_000, 3_000);
    clock.advance(Duration.ofHours(1));

    assertThat(policy.evaluate(traceOfBytes(3_000))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfBytes(1))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(new BytesLimitingPolicy("bl", clock, 1_000, 3_000).evaluate(traceOfBytes(3_001)))
        .isEqualTo(Decision.NOT_SAMPLE);
  }
}
