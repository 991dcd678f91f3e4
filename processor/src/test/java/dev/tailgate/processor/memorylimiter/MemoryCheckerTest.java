package dev.tailgate.processor.memorylimiter;

import static dev.tailgate.processor.memorylimiter.FakeMemory.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.RetryableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryCheckerTest {
  private final FakeMemory memory = new FakeMemory(1000 * MIB);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Limit 100 MiB, spike 20 MiB: soft limit 80 MiB. */
  private MemoryChecker checker(Duration interval) {
    return new MemoryChecker(
        ComponentId.parse("memory_limiter"),
        new MemoryLimiterConfig(interval, 100, 20, null, null),
        memory,
        memory::gc,
        meters);
  }

  @Test
  void refusesAboveTheSoftLimitWithoutCollectingGarbage() {
    var checker = checker(Duration.ofSeconds(1));
    memory.use(81);

    checker.check();

    assertThat(checker.refusing()).isTrue();
    assertThat(memory.gcRequests()).isZero();
  }

  @Test
  void acceptsAtOrBelowTheSoftLimit() {
    var checker = checker(Duration.ofSeconds(1));
    memory.use(80);

    checker.check();

    assertThat(checker.refusing()).isFalse();
  }

  @Test
  void acceptsAgainOnceUseFallsBelowTheSoftLimit() {
    var checker = checker(Duration.ofSeconds(1));
    memory.use(90);
    checker.check();
    assertThat(checker.refusing()).isTrue();

    memory.use(60);
    checker.check();

    assertThat(checker.refusing()).isFalse();
  }

  @Test
  void aboveTheLimitCollectsGarbageOnceAndDecidesOnTheSecondReading() {
    var checker = checker(Duration.ofSeconds(1));
    memory.use(120);
    memory.gcWouldFree(50);

    checker.check();

    assertThat(memory.gcRequests()).isEqualTo(1);
    assertThat(checker.refusing()).isFalse();
    assertThat(checker.usedAtLastCheck()).isEqualTo(70 * MIB);
  }

  @Test
  void whileSoftLimitedCollectsGarbageNoMoreOftenThanMinGcIntervalWhenSoftLimited() {
    long[] now = {0};
    var checker =
        new MemoryChecker(
            ComponentId.parse("memory_limiter"),
            new MemoryLimiterConfig(
                Duration.ofSeconds(1),
                100,
                20,
                null,
                null,
                Duration.ofSeconds(10),
                null,
                null,
                null),
            memory,
            memory::gc,
            meters,
            () -> now[0]);
    memory.use(90);
    checker.check(); // refusing now, without a collection (soft limit, first time)

    checker.check();
    now[0] += Duration.ofSeconds(5).toNanos();
    checker.check();
    now[0] += Duration.ofSeconds(5).toNanos();
    checker.check();

    assertThat(memory.gcRequests()).isEqualTo(2);
  }

  @Test
  void aboveTheHardLimitCollectsGarbageNoMoreOftenThanMinGcIntervalWhenHardLimited() {
    long[] now = {0};
    var checker =
        new MemoryChecker(
            ComponentId.parse("memory_limiter"),
            new MemoryLimiterConfig(
                Duration.ofSeconds(1),
                100,
                20,
                null,
                null,
                Duration.ofSeconds(3),
                Duration.ofSeconds(3),
                null,
                null),
            memory,
            memory::gc,
            meters,
            () -> now[0]);
    memory.use(120);

    checker.check();
    now[0] += Duration.ofSeconds(1).toNanos();
    checker.check();
    now[0] += Duration.ofSeconds(2).toNanos();
    checker.check();

    assertThat(memory.gcRequests()).isEqualTo(2);
    assertThat(checker.refusing()).isTrue();
  }

  @Test
  void stillRefusesWhenCollectingGarbageFreesTooLittle() {
    var checker = checker(Duration.ofSeconds(1));
    memory.use(120);
    memory.gcWouldFree(10);

    checker.check();

    assertThat(memory.gcRequests()).isEqualTo(1);
    assertThat(checker.refusing()).isTrue();
  }

  @Test
  void refusalNamesUseAndLimitsAndAsksToWaitTheCheckInterval() {
    var checker = checker(Duration.ofSeconds(2));
    memory.use(90);
    checker.check();

    RetryableException refusal = checker.refusal();

    assertThat(refusal.getMessage())
        .isEqualTo(
            "memory_limiter memory_limiter: heap in use 90 MiB is above the soft limit 80 MiB"
                + " (limit 100 MiB); retry later");
    assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void aShortCheckIntervalStillAsksToWaitASecond() {
    var checker = checker(Duration.ofMillis(100));
    memory.use(90);
    checker.check();

    assertThat(checker.refusal().retryAfter()).contains(Duration.ofSeconds(1));
  }

  @Test
  void gaugesShowUseAtTheLastCheckAndWhetherItRefuses() {
    var checker = checker(Duration.ofSeconds(1));
    memory.use(90);
    checker.check();

    assertThat(
            meters
                .get("tailgate.processor.memory_limiter.heap_used")
                .tag("processor", "memory_limiter")
                .gauge()
                .value())
        .isEqualTo(90.0 * MIB);
    assertThat(meters.get("tailgate.processor.memory_limiter.refusing").gauge().value())
        .isEqualTo(1.0);

    memory.use(10);
    checker.check();

    assertThat(meters.get("tailgate.processor.memory_limiter.refusing").gauge().value())
        .isEqualTo(0.0);
  }

  @Test
  void theFirstAttachChecksAtOnceAndTheLastDetachStopsTheTimer() {
    var checker = checker(Duration.ofHours(1));
    memory.use(90);

    checker.attach();
    checker.attach();
    assertThat(checker.refusing()).isTrue();
    assertThat(checker.running()).isTrue();

    checker.detach();
    assertThat(checker.running()).isTrue();
    checker.detach();
    assertThat(checker.running()).isFalse();
    checker.detach();
    assertThat(checker.running()).isFalse();
  }
}
