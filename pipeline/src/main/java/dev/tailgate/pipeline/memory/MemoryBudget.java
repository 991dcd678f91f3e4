package dev.tailgate.pipeline.memory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one memory budget, in bytes of telemetry data held on the heap. Receivers reserve a
 * request's bytes before reading its body; the {@link Lease} travels with the batch and is released
 * when the last holder lets go. Whether there is room is decided by arithmetic on these counts, not
 * by what the garbage collector happens to report, so a spent budget is a retryable refusal and
 * never an OutOfMemoryError.
 *
 * <p>Thread-safe: reservations and releases come from receiver, timer and sender threads at once.
 */
public final class MemoryBudget {
  private static final Logger log = LoggerFactory.getLogger(MemoryBudget.class);

  /** Changed by a config reload; reservations from then on are checked against the new one. */
  private volatile long limit;

  private final AtomicLong used = new AtomicLong();
  private final Cleaner cleaner;
  private final Counter refusedBytes;
  private final Counter refusals;
  private final Counter leaked;

  /**
   * @param limit bytes the gateway may hold at once; {@link Long#MAX_VALUE} for no limit
   */
  public MemoryBudget(long limit, MeterRegistry meters) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0, got " + limit);
    }
    this.limit = limit;
    this.cleaner = Cleaner.create();
    Gauge.builder("tailgate.memory.budget.used_bytes", used, AtomicLong::get)
        .description("Bytes of telemetry data held under the memory budget")
        .register(meters);
    Gauge.builder("tailgate.memory.budget.limit_bytes", this, MemoryBudget::limit)
        .description("Bytes the memory budget allows")
        .register(meters);
    this.refusals =
        Counter.builder("tailgate.memory.budget.refusals")
            .description("Reservations refused because the budget was spent")
            .register(meters);
    this.refusedBytes =
        Counter.builder("tailgate.memory.budget.refused_bytes")
            .description("Bytes of reservations refused because the budget was spent")
            .register(meters);
    this.leaked =
        Counter.builder("tailgate.memory.budget.leaked_bytes")
            .description("Bytes whose lease was collected without being released (a bug)")
            .register(meters);
  }

  /** A budget that never refuses, for tests and tools; it still counts. */
  public static MemoryBudget unlimited() {
    return new MemoryBudget(Long.MAX_VALUE, new SimpleMeterRegistry());
  }

  /** Reserves {@code bytes}; null when they do not fit. */
  public Lease tryReserve(long bytes) {
    return tryReserve(bytes, null);
  }

  /**
   * Reserves {@code bytes} under a lease that runs {@code onReleased} when its last holder releases
   * it (see {@link Lease}); null when they do not fit.
   */
  public Lease tryReserve(long bytes, Runnable onReleased) {
    if (!tryTake(bytes)) {
      return null;
    }
    return new Lease(this, bytes, onReleased);
  }

  public long limit() {
    return limit;
  }

  /**
   * A new limit (service.memory changed in a reload). Lowering it below what is held refuses new
   * data until enough has left; nothing held is dropped.
   */
  public void resize(long newLimit) {
    if (newLimit <= 0) {
      throw new IllegalArgumentException("limit must be > 0, got " + newLimit);
    }
    limit = newLimit;
  }

  public long used() {
    return used.get();
  }

  public long available() {
    return Math.max(0, limit - used.get());
  }

  boolean tryTake(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
    while (true) {
      long now = used.get();
      // A reservation larger than the whole budget is let in alone, when nothing else is held:
      // otherwise a request under max_request_body_size but over the budget could never pass.
      if (now + bytes > limit && now > 0) {
        refusals.increment();
        refusedBytes.increment(bytes);
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void giveBack(long bytes) {
    used.addAndGet(-bytes);
  }

  Cleaner.Cleanable watch(Lease lease, Lease.State state) {
    return cleaner.register(
        lease,
        () -> {
          long left = state.abandon();
          if (left > 0) {
            giveBack(left);
            leaked.increment(left);
            log.warn("a memory lease of {} bytes was collected without being released", left);
          }
        });
  }
}
