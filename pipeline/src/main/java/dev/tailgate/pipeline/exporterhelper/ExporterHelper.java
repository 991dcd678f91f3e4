package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a plain {@link Sender} into an exporter: bounded queue → retry with backoff → timeout per
 * attempt. The queue decouples the pipeline from the backend: a slow or dead backend fills only
 * its own exporter's queue, and once that is full the pipeline gets a retryable refusal (which the
 * receivers pass on to clients) instead of blocking or growing without bound. With
 * {@code sending_queue.storage} the queue is also on disk, and what a crash or the drain deadline
 * left there is sent after the next start.
 */
public final class ExporterHelper<T> implements HandsOver<T>, QueueStatus, SendStatus {
  private static final Logger log = LoggerFactory.getLogger(ExporterHelper.class);
  private static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(1);
  /** How often an idle consumer looks whether the exporter is stopping. */
  private static final Duration POLL_WAIT = Duration.ofMillis(50);
  /** How long a hand-over waits for sender threads to end once told; the rest follow when they do. */
  private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(2);

  private final String name;
  private final Signal<T> signal;
  private final Sender<T> sender;
  private final Component client;
  private final ExporterSettings settings;
  private final ShutdownDeadline shutdownDeadline;
  private final Clock clock;
  private final Sleeper sleeper;

  private final BatchQueue<T> queue;
  private final List<Thread> consumers = new ArrayList<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean accepting;
  /** For the status page only: written after an attempt failed, never read on the send path. */
  private volatile LastError lastError;
  private final AtomicInteger retrying = new AtomicInteger();
  private final AtomicInteger sending = new AtomicInteger();
  /** Set by stopSending: a batch cut off is handed over (or waits for the successor), not dropped. */
  private volatile boolean handingOver;
  /** Batches cut off while handing over, until the successor is known; guards {@link #successor}. */
  private final List<QueuedBatch<T>> cutOff = new ArrayList<>();
  private HandsOver<T> successor;
  private final MeterRegistry meters;
  private final Tags tags;
  private final List<Meter> gauges = new ArrayList<>();

  private final Counter sent;
  private final Counter failed;
  private final Counter enqueueFailed;

  /** Waits between attempts; tests pass one that does not really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  public ExporterHelper(
      ComponentSettings component, Signal<T> signal, ExporterSettings settings, Sender<T> sender, Component client) {
    this(component, signal, settings, sender, client, d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()));
  }

  public ExporterHelper(
      ComponentSettings component,
      Signal<T> signal,
      ExporterSettings settings,
      Sender<T> sender,
      Component client,
      Sleeper sleeper) {
    this.name = component.id() + "/" + signal.name();
    this.signal = signal;
    this.sender = sender;
    this.client = client;
    this.settings = settings;
    this.shutdownDeadline = component.shutdown();
    this.clock = component.clock();
    this.sleeper = sleeper;
    this.queue = BatchQueue.of(settings.queue(), component.id(), signal);

    this.meters = component.meters();
    this.tags = Tags.of("exporter", component.id().toString());
    String items = signal.itemName();
    this.sent = meters.counter("tailgate.exporter.sent." + items, tags);
    this.failed = meters.counter("tailgate.exporter.send_failed." + items, tags);
    this.enqueueFailed = meters.counter("tailgate.exporter.enqueue_failed." + items, tags);
    registerGauges();
  }

  /** The queue's gauges; a rebuilt instance registers its own once this one's are gone. */
  private void registerGauges() {
    if (settings.queue().enabled()) {
      Tags queueTags = tags.and("data_type", signal.name());
      gauges.add(Gauge.builder("tailgate.exporter.queue.size", queue, BatchQueue::size)
          .tags(queueTags)
          .description("Room the sending queue's waiting batches take, in its sizer's unit")
          .register(meters));
      gauges.add(Gauge.builder("tailgate.exporter.queue.capacity", settings.queue(), QueueConfig::queueSize)
          // Same tags as the size gauge, so that size / capacity matches in PromQL.
          .tags(queueTags)
          .description("Room in the sending queue, in its sizer's unit")
          .register(meters));
    }
  }

  @Override
  public void start() {
    client.start();
    accepting = true;
    startConsumers();
  }

  private void startConsumers() {
    if (settings.queue().enabled()) {
      for (int i = 0; i < settings.queue().numConsumers(); i++) {
        Thread consumer = new Thread(this::drain, "exporter-" + name + "-" + i);
        consumer.setDaemon(true);
        consumers.add(consumer);
        consumer.start();
      }
    }
  }

  @Override
  public void stopSending() {
    accepting = false;
    handingOver = true;
    gauges.forEach(meters::remove);
    gauges.clear();
    consumers.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + HAND_OVER_WAIT.toNanos();
    for (Thread consumer : consumers) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(consumer, Math.max(1, deadline - System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    consumers.clear();
  }

  @Override
  public void resumeSending() {
    List<QueuedBatch<T>> back;
    synchronized (cutOff) {
      handingOver = false;
      back = new ArrayList<>(cutOff);
      cutOff.clear();
    }
    back.forEach(batch -> pass(batch, this));
    registerGauges();
    accepting = true;
    startConsumers();
  }

  @Override
  public void handOverTo(HandsOver<T> next) {
    List<QueuedBatch<T>> left;
    synchronized (cutOff) {
      successor = next;
      left = new ArrayList<>(cutOff);
      cutOff.clear();
    }
    left.addAll(queue.takeAll());
    left.forEach(batch -> pass(batch, next));
    stopped.set(true);
    if (!left.isEmpty()) {
      log.info("exporter {} handed {} batches to its rebuilt instance", name, left.size());
    }
    // A sender thread still in an attempt fails now, and hands its batch over itself.
    client.shutdown();
  }

  @Override
  public void adopt(Batch<T> batch) {
    queue.adopt(batch);
  }

  /**
   * Moves one batch this exporter took to {@code to}: a stored one stays on disk, where {@code to}
   * (this exporter rebuilt on the same directory) found it; one in memory changes owner.
   */
  private void pass(QueuedBatch<T> batch, HandsOver<T> to) {
    if (batch.survivesRestart() && to != this) {
      batch.abandon();
      return;
    }
    try {
      Batch<T> taken = batch.batch();
      to.adopt(taken);
      if (batch.survivesRestart()) {
        // Stored again by adopt: the old file must not be sent a second time.
        batch.done();
      }
    } catch (IOException | RuntimeException e) {
      failed.increment(Math.max(0, batch.items()));
      batch.done();
      log.error("exporter {} dropped a batch it could not hand over: {}", name, e.toString());
    }
  }

  /** A batch a sender thread was cut off from: handed over while the exporter is rebuilt, else left at shutdown. */
  private void leftOver(QueuedBatch<T> batch) {
    if (handingOver) {
      synchronized (cutOff) {
        if (successor == null) {
          cutOff.add(batch);
          return;
        }
      }
      pass(batch, successor);
      return;
    }
    leftAtShutdown(List.of(batch));
  }

  @Override
  public Reservation reserve(Batch<T> batch) {
    if (!accepting) {
      enqueueFailed.increment(batch.items());
      throw new RetryableException("exporter " + name + " is not running", QUEUE_FULL_RETRY_AFTER, null);
    }
    if (!settings.queue().enabled()) {
      return () -> sendNow(batch);
    }
    Optional<BatchQueue.Slot> slot;
    try {
      slot = queue.reserve(batch);
    } catch (IOException e) {
      enqueueFailed.increment(batch.items());
      log.error("exporter {} refused a batch: cannot store it ({})", name, e.toString());
      throw new RetryableException(
          "sending queue of exporter " + name + " cannot store the batch: " + e, QUEUE_FULL_RETRY_AFTER, e);
    }
    if (slot.isEmpty()) {
      enqueueFailed.increment(batch.items());
      throw new RetryableException(
          "sending queue of exporter " + name + " is full (" + settings.queue().describeSize() + ")",
          QUEUE_FULL_RETRY_AFTER,
          null);
    }
    BatchQueue.Slot room = slot.get();
    return new Reservation() {
      @Override
      public void commit() {
        room.commit();
      }

      @Override
      public void cancel() {
        room.cancel();
      }
    };
  }

  @Override
  public void consume(Batch<T> batch) {
    reserve(batch).commit();
  }

  @Override
  public long queueSize() {
    return queue.size();
  }

  @Override
  public long queueCapacity() {
    return settings.queue().queueSize();
  }

  @Override
  public String queueUnit() {
    return settings.queue().sizer().configName();
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

  /**
   * Without a queue: deliver on the caller's thread and report the outcome to it. Delivered, the
   * batch is done with; refused, it stays the caller's.
   */
  private void sendNow(Batch<T> batch) {
    int items = batch.items();
    try {
      deliver(batch);
      sent.increment(items);
      batch.release();
    } catch (ConsumerException e) {
      failed.increment(items);
      throw e;
    } catch (InterruptedException e) {
      if (!handingOver) {
        Thread.currentThread().interrupt();
      }
      failed.increment(items);
      throw new RetryableException("exporter " + name + " was interrupted", QUEUE_FULL_RETRY_AFTER, e);
    }
  }

  private void drain() {
    while (!handingOver) {
      QueuedBatch<T> next;
      try {
        next = queue.poll(POLL_WAIT);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        if (!accepting) {
          return;
        }
        continue;
      }
      try {
        send(next);
      } catch (InterruptedException e) {
        leftOver(next);
        return;
      } catch (Throwable e) {
        // A sender thread must outlive anything one batch does to it, an Error included: otherwise
        // the queue stops draining and fills up for good.
        failed.increment(Math.max(0, next.items()));
        next.done();
        log.error("exporter {} dropped a batch: unexpected {}", name, e.toString(), e);
      }
    }
  }

  private void send(QueuedBatch<T> next) throws InterruptedException {
    Batch<T> batch;
    try {
      batch = next.batch();
    } catch (IOException e) {
      failed.increment(Math.max(0, next.items()));
      log.error("exporter {} dropped a stored batch it cannot read: {}", name, e.toString());
      return;
    }
    int items = batch.items();
    try {
      deliver(batch);
      sent.increment(items);
      next.done();
    } catch (ConsumerException e) {
      failed.increment(items);
      next.done();
      log.error("exporter {} dropped {} {}: {}", name, items, signal.itemName(), e.getMessage());
    }
  }

  /** One batch: attempts until sent, a permanent error, retries exhausted, or interruption. */
  private void deliver(Batch<T> batch) throws InterruptedException {
    RetryConfig retry = settings.retry();
    BackOff backOff = new BackOff(retry, () -> ThreadLocalRandom.current().nextDouble());
    // Measured on the component's clock so that a fake clock, moved by an injected sleeper, drives
    // max_elapsed_time as real time does.
    Instant started = clock.instant();
    while (true) {
      if (handingOver) {
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
        if (handingOver) {
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
      sender.send(batch, settings.timeout());
    } finally {
      sending.decrementAndGet();
    }
  }

  /** Keeps what the status page shows; a message that cannot be read must not change the batch's fate. */
  private void failedAttempt(RuntimeException error, boolean permanent) {
    String message;
    try {
      message = ErrorSummary.of(error);
    } catch (RuntimeException unreadable) {
      message = error.getClass().getName();
    }
    lastError = new LastError(message, clock.instant(), permanent);
  }

  /**
   * Stops taking batches, lets the consumers empty the queue until the drain deadline, then
   * interrupts them; whatever is still queued then is counted as failed and logged, unless it is
   * stored on disk for the next start.
   */
  @Override
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    accepting = false;
    long deadline = shutdownDeadline.nanos();
    for (Thread consumer : consumers) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(consumer, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    consumers.forEach(Thread::interrupt);
    // Interrupted, a consumer ends at once unless its sender ignores interrupts; a second at most
    // for all of them, not each, so that the shutdown stays near its deadline.
    long grace = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Thread consumer : consumers) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(consumer, Math.max(1, grace - System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    leftAtShutdown(queue.takeAll());
    client.shutdown();
  }

  /**
   * Batches not sent by the drain deadline: lost unless stored on disk, where the next start finds
   * them (so they are not counted as failed).
   */
  private void leftAtShutdown(List<QueuedBatch<T>> left) {
    int lost = 0;
    int stored = 0;
    for (QueuedBatch<T> batch : left) {
      if (batch.survivesRestart()) {
        stored += Math.max(0, batch.items());
      } else {
        lost += batch.items();
      }
      batch.abandon();
    }
    if (lost > 0) {
      failed.increment(lost);
      log.error(
          "exporter {} dropped {} queued {} at shutdown: the drain deadline passed", name, lost, signal.itemName());
    }
    if (stored > 0) {
      log.warn(
          "exporter {} left {} {} on disk at shutdown (the drain deadline passed); they are sent after the next start",
          name, stored, signal.itemName());
    }
  }

  @Override
  public String toString() {
    return "exporter " + name;
  }
}
