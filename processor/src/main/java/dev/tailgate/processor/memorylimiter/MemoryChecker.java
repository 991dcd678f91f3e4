package dev.tailgate.processor.memorylimiter;

import static dev.tailgate.processor.memorylimiter.MemoryLimits.mib;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.RetryableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision of one {@code memory_limiter} component id, shared by its processors in every
 * pipeline and signal (one heap, so one reading and one verdict). Every check interval it reads the
 * heap: above the soft limit it refuses; above the hard limit it first requests a garbage
 * collection and reads again, so that only memory that is really held makes it refuse. It runs
 * while at least one of its processors is started.
 */
final class MemoryChecker {
  private static final Logger log = LoggerFactory.getLogger(MemoryChecker.class);

  private final ComponentId id;
  private final MemoryLimits limits;
  private final Duration interval;
  private final Duration retryAfter;
  private final MemoryUsage usage;
  private final Runnable gc;
  private final LongSupplier nanoClock;
  private final long minGcNanosSoft;
  private final long minGcNanosHard;
  private long lastGcNanos;
  private boolean collectedBefore;

  private volatile boolean refusing;
  private volatile long usedAtLastCheck;

  private int users;
  private ScheduledExecutorService timer;

  MemoryChecker(
      ComponentId id,
      MemoryLimiterConfig config,
      MemoryUsage usage,
      Runnable gc,
      MeterRegistry meters) {
    this(id, config, usage, gc, meters, System::nanoTime);
  }

  MemoryChecker(
      ComponentId id,
      MemoryLimiterConfig config,
      MemoryUsage usage,
      Runnable gc,
      MeterRegistry meters,
      LongSupplier nanoClock) {
    this.id = id;
    this.nanoClock = nanoClock;
    this.minGcNanosSoft = config.minGcIntervalWhenSoftLimited().toNanos();
    this.minGcNanosHard = config.minGcIntervalWhenHardLimited().toNanos();
    this.limits = config.limits(usage.maxBytes());
    this.interval = config.checkInterval();
    this.retryAfter = config.retryAfter();
    this.usage = usage;
    this.gc = gc;
    Tags tags = Tags.of("processor", id.toString());
    Gauge.builder("tailgate.processor.memory_limiter.heap_used", this, c -> c.usedAtLastCheck)
        .description("Heap in use at the last check")
        .baseUnit("bytes")
        .tags(tags)
        .register(meters);
    Gauge.builder("tailgate.processor.memory_limiter.refusing", this, c -> c.refusing ? 1 : 0)
        .description("1 while memory use is above the soft limit and data is refused, else 0")
        .tags(tags)
        .register(meters);
  }

  MemoryLimits limits() {
    return limits;
  }

  boolean refusing() {
    return refusing;
  }

  long usedAtLastCheck() {
    return usedAtLastCheck;
  }

  /** The refusal to throw while refusing, with the numbers of the last check. */
  RetryableException refusal() {
    return new RetryableException(
        "memory_limiter "
            + id
            + ": heap in use "
            + mib(usedAtLastCheck)
            + " is above the soft limit "
            + mib(limits.softBytes())
            + " (limit "
            + mib(limits.hardBytes())
            + "); retry later",
        retryAfter,
        null);
  }

  /** One reading and decision; the timer calls it every interval, tests call it directly. */
  synchronized void check() {
    long used = usage.usedBytes();
    // Also while refusing: with data refused the heap barely allocates, so no collection would
    // come on its own to show the old generation emptied, and the limiter would refuse for good.
    boolean hard = used > limits.hardBytes();
    if ((hard || refusing && used > limits.softBytes()) && gcAllowed(hard)) {
      log.debug(
          "memory_limiter {}: heap in use {} is above the limit {}, requesting a garbage"
              + " collection",
          id,
          mib(used),
          mib(used > limits.hardBytes() ? limits.hardBytes() : limits.softBytes()));
      gc.run();
      lastGcNanos = nanoClock.getAsLong();
      collectedBefore = true;
      used = usage.usedBytes();
    }
    boolean above = used > limits.softBytes();
    usedAtLastCheck = used;
    if (above != refusing) {
      if (above) {
        log.warn(
            "memory_limiter {}: heap in use {} is above the soft limit {}; refusing data",
            id,
            mib(used),
            mib(limits.softBytes()));
      } else {
        log.info(
            "memory_limiter {}: heap in use {} is below the soft limit {} again; accepting data",
            id,
            mib(used),
            mib(limits.softBytes()));
      }
    }
    refusing = above;
  }

  /**
   * min_gc_interval_when_hard_limited / _soft_limited: a collection is CPU-heavy, so it is not
   * requested again before the interval of the current state has passed since the last one.
   */
  private boolean gcAllowed(boolean hard) {
    long min = hard ? minGcNanosHard : minGcNanosSoft;
    return !collectedBefore || nanoClock.getAsLong() - lastGcNanos >= min;
  }

  /** A processor started: the first one checks at once and starts the timer. */
  synchronized void attach() {
    users++;
    if (users > 1) {
      return;
    }
    check();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "memory_limiter-" + id);
              thread.setDaemon(true);
              return thread;
            });
    long period = interval.toNanos();
    // Fixed delay, not rate: a slow garbage collection must not make checks pile up.
    timer.scheduleWithFixedDelay(this::checkSafely, period, period, TimeUnit.NANOSECONDS);
  }

  /** A processor stopped: the last one stops the timer. */
  synchronized void detach() {
    if (users == 0) {
      return;
    }
    users--;
    if (users == 0) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /** Whether the timer runs, i.e. some processor of this id is started. */
  synchronized boolean running() {
    return timer != null;
  }

  private void checkSafely() {
    try {
      check();
    } catch (Throwable e) {
      // Anything thrown, errors too, would cancel the schedule, freezing the last verdict for good.
      log.error("memory_limiter {}: memory check failed", id, e);
    }
  }
}
