package dev.tailgate.pipeline;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one deadline of a whole shutdown: {@code service.drain_timeout} from the moment the pipelines
 * begin to stop (see {@link #begin()}; the gateway calls it once Jetty has stopped taking
 * requests). Receivers, processors and exporters all drain against it, so the pipelines stop within
 * drain_timeout however many components there are, instead of each taking a full drain_timeout
 * after the one before. Thread-safe.
 */
public final class ShutdownDeadline {
  private final Duration timeout;
  private final LongSupplier nanoTime;
  private long deadline;
  private boolean begun;

  public ShutdownDeadline(Duration timeout) {
    this(timeout, System::nanoTime);
  }

  /** {@code nanoTime} as {@link System#nanoTime()}; tests pass one they move. */
  public ShutdownDeadline(Duration timeout, LongSupplier nanoTime) {
    this.timeout = timeout;
    this.nanoTime = nanoTime;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Starts the clock, once, as the pipelines begin to stop; later calls keep the first start. */
  public synchronized void begin() {
    if (!begun) {
      begun = true;
      deadline = nanoTime.getAsLong() + timeout.toNanos();
    }
  }

  /**
   * The deadline on the {@link System#nanoTime()} scale. Before the shutdown began (a component
   * stopped on its own, as a config reload does when it rebuilds one) it is a full timeout from
   * now, and the shutdown's clock stays unstarted.
   */
  public synchronized long nanos() {
    return begun ? deadline : nanoTime.getAsLong() + timeout.toNanos();
  }

  /** What is left of it, never negative. */
  public Duration remaining() {
    long deadline = nanos();
    return Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong()));
  }
}
