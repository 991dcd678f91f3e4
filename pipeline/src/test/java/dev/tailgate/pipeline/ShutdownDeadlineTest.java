package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShutdownDeadlineTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final ShutdownDeadline deadline = new ShutdownDeadline(Duration.ofSeconds(30), now::get);

  @Test
  void everyComponentDrainsAgainstTheDeadlineSetWhenTheShutdownBegan() {
    deadline.begin();
    now.addAndGet(Duration.ofSeconds(20).toNanos());

    // A component that starts draining 20 s in has 10 s left, not a full drain_timeout.
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(10));
    assertThat(deadline.nanos()).isEqualTo(1_000 + Duration.ofSeconds(30).toNanos());
  }

  @Test
  void laterBeginsKeepTheFirst() {
    deadline.begin();
    long first = deadline.nanos();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    deadline.begin();

    assertThat(deadline.nanos()).isEqualTo(first);
  }

  @Test
  void aComponentStoppedBeforeTheShutdownBeganGetsAFullTimeoutAndStartsNoClock() {
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(30));
    now.addAndGet(Duration.ofSeconds(20).toNanos());

    assertThat(deadline.remaining())
        .as("still a full timeout: nothing began")
        .isEqualTo(Duration.ofSeconds(30));
    deadline.begin();
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void nothingIsLeftPastTheDeadline() {
    deadline.begin();
    now.addAndGet(Duration.ofMinutes(2).toNanos());

    assertThat(deadline.remaining()).isZero();
  }
}
