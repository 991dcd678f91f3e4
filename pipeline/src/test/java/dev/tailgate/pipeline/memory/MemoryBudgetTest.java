package dev.tailgate.pipeline.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MemoryBudget budget = new MemoryBudget(1000, meters);

  @Test
  void refusesAReservationThatDoesNotFitAndCountsIt() {
    Lease first = budget.tryReserve(600);

    assertThat(first).isNotNull();
    assertThat(budget.tryReserve(500)).isNull();
    assertThat(budget.used()).isEqualTo(600);
    assertThat(meters.get("tailgate.memory.budget.refusals").counter().count()).isEqualTo(1);
    assertThat(meters.get("tailgate.memory.budget.refused_bytes").counter().count()).isEqualTo(500);
  }

  @Test
  void aResizedBudgetRefusesBelowWhatIsHeldUntilEnoughLeavesAndDropsNothing() {
    Lease held = budget.tryReserve(600);

    budget.resize(500);

    assertThat(budget.tryReserve(1)).isNull();
    assertThat(budget.used()).isEqualTo(600);
    assertThat(meters.get("tailgate.memory.budget.limit_bytes").gauge().value()).isEqualTo(500);
    held.release();
    assertThat(budget.tryReserve(400)).isNotNull();
  }

  @Test
  void letsAReservationLargerThanTheWholeBudgetInOnlyWhenNothingElseIsHeld() {
    Lease alone = budget.tryReserve(5000);
    assertThat(alone).isNotNull();
    assertThat(budget.tryReserve(1)).isNull();

    alone.release();
    Lease small = budget.tryReserve(1);
    assertThat(small).isNotNull();
    assertThat(budget.tryReserve(5000)).isNull();
  }

  @Test
  void givesTheBytesBackWithTheLastHoldersRelease() {
    Lease lease = budget.tryReserve(400);
    lease.retain().retain();

    lease.release();
    lease.release();
    assertThat(budget.used()).isEqualTo(400);
    lease.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void releasingMoreOftenThanHeldIsABug() {
    Lease lease = budget.tryReserve(10);
    lease.release();

    assertThatThrownBy(lease::release).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(lease::retain).isInstanceOf(IllegalStateException.class);
    assertThat(budget.used()).isZero();
  }

  @Test
  void resizesToTheRealSizeOnlyWhenItFits() {
    Lease body = budget.tryReserve(100);
    Lease other = budget.tryReserve(500);

    assertThat(body.resize(400)).isTrue();
    assertThat(budget.used()).isEqualTo(900);
    assertThat(body.resize(600)).isFalse();
    assertThat(body.bytes()).isEqualTo(400);
    assertThat(body.resize(50)).isTrue();
    assertThat(budget.used()).isEqualTo(550);

    body.release();
    other.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aLeaseCollectedWhileHeldGivesItsBytesBackAndIsCountedAsLeaked() throws Exception {
    budget.tryReserve(300); // dropped on the floor: a holder's bug
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (budget.used() > 0 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(budget.used()).isZero();
    assertThat(meters.get("tailgate.memory.budget.leaked_bytes").counter().count()).isEqualTo(300);
  }

  @Test
  void noneHoldsNothing() {
    Lease.NONE.retain();
    Lease.NONE.release();
    Lease.NONE.release();

    assertThat(Lease.NONE.bytes()).isZero();
    assertThat(Lease.NONE.resize(1 << 20)).isTrue();
  }

  @Test
  void onReleasedRunsOnceWhenTheLastHolderReleasesAfterTheBytesWentBack() {
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong usedWhenRun =
        new java.util.concurrent.atomic.AtomicLong(-1);
    Lease lease =
        budget.tryReserve(
            300,
            () -> {
              runs.incrementAndGet();
              usedWhenRun.set(budget.used());
            });

    lease.retain();
    lease.release();
    assertThat(runs).hasValue(0);
    lease.release();

    assertThat(runs).hasValue(1);
    assertThat(usedWhenRun).hasValue(0);
  }

  @Test
  void aRefusedReservationNeverRunsOnReleased() {
    budget.tryReserve(900);
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();

    assertThat(budget.tryReserve(200, runs::incrementAndGet)).isNull();
    assertThat(runs).hasValue(0);
  }
}
