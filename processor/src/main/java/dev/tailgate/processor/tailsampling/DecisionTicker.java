package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.ShutdownDeadline;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The thread that runs a decision round every tenth of {@code decision_wait}. */
final class DecisionTicker {
  private static final Logger log = LoggerFactory.getLogger(DecisionTicker.class);
  private static final Duration MIN_TICK = Duration.ofMillis(10);
  private static final Duration MAX_TICK = Duration.ofSeconds(1);

  private final String id;
  private final Duration period;
  private final Runnable round;
  private ScheduledExecutorService ticker;

  DecisionTicker(String id, Duration decisionWait, Runnable round) {
    this.id = id;
    this.period = tickPeriod(decisionWait);
    this.round = round;
  }

  /**
   * A tenth of decision_wait, so a trace waits at most 10% longer than asked; within sane bounds.
   */
  static Duration tickPeriod(Duration decisionWait) {
    Duration tenth = decisionWait.dividedBy(10);
    if (tenth.compareTo(MIN_TICK) < 0) {
      return MIN_TICK;
    }
    return tenth.compareTo(MAX_TICK) > 0 ? MAX_TICK : tenth;
  }

  void start() {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "tail-sampling-" + id);
              thread.setDaemon(true);
              return thread;
            });
    long nanos = period.toNanos();
    ticker.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    try {
      round.run();
    } catch (Throwable e) {
      // An exception would cancel the schedule, and with it every future decision.
      log.error("tail_sampling processor {}: deciding due traces failed", id, e);
    }
  }

  /** Stops ticking and lets a round in progress finish, so the final one sees everything. */
  void stop(ShutdownDeadline shutdown) {
    if (ticker == null) {
      return;
    }
    ticker.shutdown();
    try {
      if (!ticker.awaitTermination(shutdown.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn(
            "tail_sampling processor {}: a decision round did not finish before the drain deadline",
            id);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
