package dev.tailgate.processor.batch;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Reconfigurable;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.common.PendingDownstream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers incoming batches and passes them on once {@code send_batch_size} items are waiting (on
 * the caller's thread, so no hand-off) or when the timer fires. Accepted data is never dropped for
 * a retryable refusal downstream: the refused batch goes back to the front of the buffer and is
 * retried on the next trigger, and while the next component refuses, the processor refuses new data
 * once {@link BatchConfig#maxPendingItems()} are waiting ({@link PendingDownstream}).
 *
 * <p>Batches stay in their wire form: waiting ones are joined with {@link Batch#concat} (a rope of
 * their bytes, no parse), and only a batch over {@code send_batch_max_size} is parsed, to split it.
 * This processor owns what it buffers (see {@link Consumer}): a batch it drops, for a permanent
 * refusal downstream or at shutdown, it releases.
 */
final class BatchProcessor<T> implements Processor<T>, Reconfigurable<BatchConfig> {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);

  private final String id;
  private final String name;

  /** Replaced whole by a reload; waiting data stays and goes by the new sizes. */
  private volatile BatchConfig config;

  private final Signal<T> signal;
  private final ShutdownDeadline shutdownDeadline;

  private final BatchShaper<T> shaper;
  private final PendingDownstream<T> downstream;
  private final Object lock = new Object();
  private boolean stopped;
  private ScheduledExecutorService timer;
  private ScheduledFuture<?> ticks;

  private final DistributionSummary sendSize;
  private final Counter sizeTriggers;
  private final Counter timeoutTriggers;
  private final Counter dropped;

  BatchProcessor(
      ComponentSettings settings, BatchConfig config, Signal<T> signal, Consumer<T> next) {
    this.id = settings.id().toString();
    this.name = settings.id() + "/" + signal.name();
    this.config = config;
    this.signal = signal;
    this.shutdownDeadline = settings.shutdown();
    Tags tags = Tags.of("processor", settings.id().toString(), "data_type", signal.name());
    this.sendSize =
        DistributionSummary.builder("tailgate.processor.batch.batch_send_size")
            .description("Items per batch passed on")
            .tags(tags)
            .register(settings.meters());
    this.sizeTriggers =
        settings.meters().counter("tailgate.processor.batch.batch_size_trigger_send", tags);
    this.timeoutTriggers =
        settings.meters().counter("tailgate.processor.batch.timeout_trigger_send", tags);
    this.dropped =
        settings.meters().counter("tailgate.processor.batch.dropped." + signal.itemName(), tags);
    this.shaper = new BatchShaper<>(name, signal, dropped, config.sendBatchMaxSize());
    this.downstream =
        new PendingDownstream<>(
            "batch processor " + name, "items", next, shaper, sendSize::record, dropped::increment);
  }

  @Override
  public void start() {
    long period = config.tickInterval().toNanos();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "batch-" + name);
              thread.setDaemon(true);
              return thread;
            });
    ticks = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Class<BatchConfig> configType() {
    return BatchConfig.class;
  }

  /**
   * New sizes apply to the next batch in; a new timeout restarts the timer. What waits stays, and
   * goes by the new settings.
   */
  @Override
  public List<String> reconfigure(BatchConfig newConfig) {
    BatchConfig old = config;
    if (newConfig.equals(old)) {
      return List.of();
    }
    synchronized (lock) {
      config = newConfig;
      shaper.maxSize(newConfig.sendBatchMaxSize());
      if (!newConfig.timeout().equals(old.timeout()) && ticks != null && !stopped) {
        ticks.cancel(false);
        long period = newConfig.tickInterval().toNanos();
        ticks = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
      }
    }
    return List.of(
        "processors."
            + id
            + " ("
            + signal.name()
            + "): send_batch_size "
            + newConfig.sendBatchSize()
            + ", send_batch_max_size "
            + newConfig.sendBatchMaxSize()
            + ", timeout "
            + newConfig.timeout());
  }

  private void tick() {
    try {
      onTimeout();
    } catch (Throwable e) {
      // Anything escaping would cancel the schedule, and buffered data would wait for good.
      log.error("batch processor {}: passing on buffered data failed", name, e);
    }
  }

  @Override
  public void consume(Batch<T> batch) {
    int items = batch.items();
    if (items == 0) {
      // Taken (returning normally says so) and done with at once.
      batch.release();
      return;
    }
    PendingDownstream.Taken<T> ready = null;
    synchronized (lock) {
      if (stopped) {
        throw new RetryableException(
            "batch processor " + name + " is shutting down", REFUSAL_RETRY_AFTER, null);
      }
      downstream.refuseBeyond(config.maxPendingItems(), items);
      downstream.add(batch);
      if (downstream.waitingItems() >= config.sendTrigger() && !downstream.refusing()) {
        // Taken under the lock, so exactly one caller sends these and the next arrival waits anew.
        ready = downstream.take();
      }
    }
    if (ready != null) {
      sizeTriggers.increment();
      downstream.pass(ready);
    }
  }

  /** Timer tick: passes on whatever waits, and retries what the next component refused. */
  void onTimeout() {
    PendingDownstream.Taken<T> ready = downstream.take();
    if (ready.isEmpty()) {
      return;
    }
    timeoutTriggers.increment();
    downstream.pass(ready);
  }

  /**
   * Stops the timer and passes on everything buffered, retrying refusals until the drain deadline.
   */
  @Override
  public void shutdown() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    downstream.drain(shutdownDeadline);
  }

  @Override
  public String toString() {
    return "processor " + name;
  }
}
