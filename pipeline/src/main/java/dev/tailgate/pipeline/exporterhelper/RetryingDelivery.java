package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry loop around a {@link Sender}: attempts one batch, each bounded by {@code timeout},
 * backing off between retryable failures until {@code max_elapsed_time}; keeps what the status page
 * shows of it ({@link SendStatus}). Called from many sender threads at once.
 */
final class RetryingDelivery<T> implements SendStatus {
  private static final Logger log = LoggerFactory.getLogger(RetryingDelivery.class);

  private final String name;
  private final Sender<T> sender;
  private final Duration timeout;
  private final RetryConfig retry;
  private final Clock clock;
  private final ExporterHelper.Sleeper sleeper;

  /**
   * True once the exporter is being rebuilt: the batch is cut off, for the new instance to send.
   */
  private final BooleanSupplier cutOff;

  /** For the status page only: written after an attempt failed, never read on the send path. */
  private volatile LastError lastError;

  private final AtomicInteger retrying = new AtomicInteger();
  private final AtomicInteger sending = new AtomicInteger();

  RetryingDelivery(
      String name,
      Sender<T> sender,
      ExporterSettings settings,
      Clock clock,
      ExporterHelper.Sleeper sleeper,
      BooleanSupplier cutOff) {
    this.name = name;
    this.sender = sender;
    this.timeout = settings.timeout();
    this.retry = settings.retry();
    this.clock = clock;
    this.sleeper = sleeper;
    this.cutOff = cutOff;
  }

  @Override
  public Optional<LastError> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Override
  public int retrying() {
    return retrying.get();
  }

  @Override
  public int sending() {
    return sending.get();
  }

  /** One batch: attempts until sent, a permanent error, retries exhausted, or interruption. */
  void deliver(Batch<T> batch) throws InterruptedException {
    BackOff backOff = new BackOff(retry, () -> ThreadLocalRandom.current().nextDouble());
    // Measured on the component's clock so that a fake clock, moved by an injected sleeper, drives
    // max_elapsed_time as real time does.
    Instant started = clock.instant();
    while (true) {
      if (cutOff.getAsBoolean()) {
        throw new InterruptedException("exporter " + name + " is being rebuilt");
      }
      try {
        attempt(batch);
        return;
      } catch (PermanentException e) {
        failedAttempt(e, true);
        throw e;
      } catch (RetryableException e) {
        failedAttempt(e, false);
        if (cutOff.getAsBoolean()) {
          // Cut off by the rebuild (or failed just then): the rebuilt exporter tries it.
          throw new InterruptedException("exporter " + name + " is being rebuilt");
        }
        if (!retry.enabled()) {
          throw e;
        }
        Duration delay = e.retryAfter().orElseGet(backOff::next);
        Duration elapsed = Duration.between(started, clock.instant());
        Duration budget = retry.maxElapsedTime();
        if (!budget.isZero() && elapsed.plus(delay).compareTo(budget) > 0) {
          throw new RetryableException(
              "gave up after " + elapsed.toSeconds() + "s of retries: " + e.getMessage(), null, e);
        }
        log.debug("exporter {}: {}; retrying in {} ms", name, e.getMessage(), delay.toMillis());
        retrying.incrementAndGet();
        try {
          sleeper.sleep(delay);
        } finally {
          retrying.decrementAndGet();
        }
      } catch (RuntimeException e) {
        PermanentException unexpected = new PermanentException("unexpected error: " + e, e);
        failedAttempt(unexpected, true);
        throw unexpected;
      }
    }
  }

  private void attempt(Batch<T> batch) {
    sending.incrementAndGet();
    try {
      sender.send(batch, timeout);
    } finally {
      sending.decrementAndGet();
    }
  }

  /**
   * Keeps what the status page shows; a message that cannot be read must not change the batch's
   * fate.
   */
  private void failedAttempt(RuntimeException error, boolean permanent) {
    String message;
    try {
      message = ErrorSummary.of(error);
    } catch (RuntimeException unreadable) {
      message = error.getClass().getName();
    }
    lastError = new LastError(message, clock.instant(), permanent);
  }
}
