package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a plain {@link Sender} into an exporter: bounded queue → retry with backoff → timeout per
 * attempt. The queue decouples the pipeline from the backend: a slow or dead backend fills only its
 * own exporter's queue, and once that is full the pipeline gets a retryable refusal (which the
 * receivers pass on to clients) instead of blocking or growing without bound. With {@code
 * sending_queue.storage} the queue is also on disk, and what a crash or the drain deadline left
 * there is sent after the next start.
 */
public final class ExporterHelper<T> implements HandsOver<T>, QueueStatus, SendStatus {
  private static final Logger log = LoggerFactory.getLogger(ExporterHelper.class);
  static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(1);

  /**
   * How long a hand-over waits for sender threads to end once told; the rest follow when they do.
   */
  private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(2);

  private final String name;
  private final Component client;
  private final ExporterSettings settings;
  private final ShutdownDeadline shutdownDeadline;

  private final BatchQueue<T> queue;
  private final QueueAdmission<T> admission;
  private final QueueDrain<T> drain;
  private final SenderThreads consumers;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile boolean accepting;
  private final RetryingDelivery<T> delivery;

  /**
   * Set by stopSending: a batch cut off is handed over (or waits for the successor), not dropped.
   */
  private volatile boolean handingOver;

  private final Leftovers<T> leftovers;
  private final QueueGauges gauges;

  private final Counter sent;
  private final Counter failed;
  private final Counter enqueueFailed;

  /** Waits between attempts; tests pass one that does not really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration delay) throws InterruptedException;
  }

  public ExporterHelper(
      ComponentSettings component,
      Signal<T> signal,
      ExporterSettings settings,
      Sender<T> sender,
      Component client) {
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
    this.client = client;
    this.settings = settings;
    this.shutdownDeadline = component.shutdown();
    this.queue = BatchQueue.of(settings.queue(), component.id(), signal);
    this.delivery =
        new RetryingDelivery<>(
            name, sender, settings, component.clock(), sleeper, () -> handingOver);

    MeterRegistry meters = component.meters();
    Tags tags = Tags.of("exporter", component.id().toString());
    String items = signal.itemName();
    this.sent = meters.counter("tailgate.exporter.sent." + items, tags);
    this.failed = meters.counter("tailgate.exporter.send_failed." + items, tags);
    this.enqueueFailed = meters.counter("tailgate.exporter.enqueue_failed." + items, tags);
    this.leftovers = new Leftovers<>(name, items, failed);
    this.admission = new QueueAdmission<>(name, queue, settings.queue(), enqueueFailed);
    this.drain =
        new QueueDrain<>(
            name,
            items,
            queue,
            delivery,
            leftovers,
            sent,
            failed,
            () -> accepting,
            () -> handingOver);
    this.consumers = new SenderThreads(name);
    this.gauges =
        new QueueGauges(meters, tags.and("data_type", signal.name()), queue, settings.queue());
    gauges.register();
  }

  @Override
  public void start() {
    client.start();
    accepting = true;
    startConsumers();
  }

  private void startConsumers() {
    if (settings.queue().enabled()) {
      consumers.start(settings.queue().numConsumers(), drain);
    }
  }

  @Override
  public void stopSending() {
    accepting = false;
    handingOver = true;
    gauges.remove();
    consumers.interruptAndJoin(HAND_OVER_WAIT);
    consumers.forget();
  }

  @Override
  public void resumeSending() {
    handingOver = false;
    leftovers.takeBack(this);
    gauges.register();
    accepting = true;
    startConsumers();
  }

  @Override
  public void handOverTo(HandsOver<T> next) {
    int handed = leftovers.handTo(next, queue.takeAll());
    stopped.set(true);
    if (handed > 0) {
      log.info("exporter {} handed {} batches to its rebuilt instance", name, handed);
    }
    // A sender thread still in an attempt fails now, and hands its batch over itself.
    client.shutdown();
  }

  @Override
  public void adopt(Batch<T> batch) {
    queue.adopt(batch);
  }

  @Override
  public Reservation reserve(Batch<T> batch) {
    if (!accepting) {
      enqueueFailed.increment(batch.items());
      throw new RetryableException(
          "exporter " + name + " is not running", QUEUE_FULL_RETRY_AFTER, null);
    }
    if (!settings.queue().enabled()) {
      return () -> sendNow(batch);
    }
    return admission.reserve(batch);
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
    return delivery.lastError();
  }

  @Override
  public int retrying() {
    return delivery.retrying();
  }

  @Override
  public int sending() {
    return delivery.sending();
  }

  /**
   * Without a queue: deliver on the caller's thread and report the outcome to it. Delivered, the
   * batch is done with; refused, it stays the caller's.
   */
  private void sendNow(Batch<T> batch) {
    int items = batch.items();
    try {
      delivery.deliver(batch);
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
      throw new RetryableException(
          "exporter " + name + " was interrupted", QUEUE_FULL_RETRY_AFTER, e);
    }
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
    consumers.joinUntil(shutdownDeadline.nanos());
    // Interrupted, a consumer ends at once unless its sender ignores interrupts; a second at most
    // for all of them, not each, so that the shutdown stays near its deadline.
    consumers.interruptAndJoin(Duration.ofSeconds(1));
    leftovers.atShutdown(queue.takeAll());
    client.shutdown();
  }

  @Override
  public String toString() {
    return "exporter " + name;
  }
}
