package dev.tailgate.processor.batch;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Reconfigurable;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * retried on the next trigger, and the processor refuses new data only once
 * {@link BatchConfig#maxPendingItems()} are waiting.
 *
 * <p>Batches stay in their wire form: waiting ones are joined with {@link Batch#concat} (a rope of
 * their bytes, no parse), and only a batch over {@code send_batch_max_size} is parsed, to split
 * it. This processor owns what it buffers (see {@link Consumer}): a batch it drops, for a
 * permanent refusal downstream or at shutdown, it releases.
 */
final class BatchProcessor<T> implements Processor<T>, Reconfigurable<BatchConfig> {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);

  private final String id;
  private final String name;
  /** Replaced whole by a reload; waiting data stays and goes by the new sizes. */
  private volatile BatchConfig config;
  private final Signal<T> signal;
  private final Consumer<T> next;
  private final ShutdownDeadline shutdownDeadline;

  private final Object lock = new Object();
  private List<Batch<T>> pending = new ArrayList<>();
  private int pendingItems;
  private boolean downstreamRefusing;
  private boolean stopped;
  private ScheduledExecutorService timer;
  private ScheduledFuture<?> ticks;

  private final DistributionSummary sendSize;
  private final Counter sizeTriggers;
  private final Counter timeoutTriggers;
  private final Counter dropped;

  BatchProcessor(ComponentSettings settings, BatchConfig config, Signal<T> signal, Consumer<T> next) {
    this.id = settings.id().toString();
    this.name = settings.id() + "/" + signal.name();
    this.config = config;
    this.signal = signal;
    this.next = next;
    this.shutdownDeadline = settings.shutdown();
    Tags tags = Tags.of("processor", settings.id().toString(), "data_type", signal.name());
    this.sendSize =
        DistributionSummary.builder("tailgate.processor.batch.batch_send_size")
            .description("Items per batch passed on")
            .tags(tags)
            .register(settings.meters());
    this.sizeTriggers = settings.meters().counter("tailgate.processor.batch.batch_size_trigger_send", tags);
    this.timeoutTriggers = settings.meters().counter("tailgate.processor.batch.timeout_trigger_send", tags);
    this.dropped = settings.meters().counter("tailgate.processor.batch.dropped." + signal.itemName(), tags);
  }

  @Override
  public void start() {
    long period = config.timeout().toNanos();
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
      if (!newConfig.timeout().equals(old.timeout()) && ticks != null && !stopped) {
        ticks.cancel(false);
        long period = newConfig.timeout().toNanos();
        ticks = timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
      }
    }
    return List.of(
        "processors." + id + " (" + signal.name() + "): send_batch_size " + newConfig.sendBatchSize()
            + ", send_batch_max_size " + newConfig.sendBatchMaxSize() + ", timeout " + newConfig.timeout());
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
    List<Batch<T>> ready = null;
    synchronized (lock) {
      if (stopped) {
        throw new RetryableException("batch processor " + name + " is shutting down", REFUSAL_RETRY_AFTER, null);
      }
      // The bound is for data held back while the next component refuses; a request larger than
      // the bound, arriving while a few items wait for the timer, must still go through.
      if (downstreamRefusing && pendingItems > 0 && pendingItems + items > config.maxPendingItems()) {
        throw new RetryableException(
            "batch processor " + name + " holds " + pendingItems + " items that the next component refuses",
            REFUSAL_RETRY_AFTER,
            null);
      }
      pending.add(batch);
      pendingItems += items;
      if (pendingItems >= config.sendBatchSize() && !downstreamRefusing) {
        ready = takePending();
      }
    }
    if (ready != null) {
      sizeTriggers.increment();
      pass(fitToMaxSize(ready));
    }
  }

  /** Timer tick: passes on whatever waits, and retries what the next component refused. */
  void onTimeout() {
    List<Batch<T>> ready;
    synchronized (lock) {
      if (pendingItems == 0) {
        return;
      }
      ready = takePending();
    }
    timeoutTriggers.increment();
    pass(fitToMaxSize(ready));
  }

  /**
   * Empties the buffer into one batch per tenant (data of different senders is never joined, so
   * an exporter can tell a backend whose it is); the parts' leases move to them. Holds the lock.
   */
  private List<Batch<T>> takePending() {
    Map<String, List<Batch<T>>> byTenant = new LinkedHashMap<>();
    for (Batch<T> batch : pending) {
      byTenant.computeIfAbsent(batch.tenant(), t -> new ArrayList<>()).add(batch);
    }
    List<Batch<T>> merged = new ArrayList<>(byTenant.size());
    byTenant.values().forEach(parts -> merged.add(Batch.concat(parts)));
    pending = new ArrayList<>();
    pendingItems = 0;
    return merged;
  }

  private List<Batch<T>> fitToMaxSize(List<Batch<T>> merged) {
    if (merged.size() == 1) {
      return fitToMaxSize(merged.get(0));
    }
    List<Batch<T>> fitted = new ArrayList<>();
    merged.forEach(batch -> fitted.addAll(fitToMaxSize(batch)));
    return fitted;
  }

  /**
   * Batches of at most send_batch_max_size items, each owning its share of the leases. Only an
   * oversized batch is parsed (split returns a batch that fits as it is), and outside the lock,
   * since parsing is the expensive part.
   */
  private List<Batch<T>> fitToMaxSize(Batch<T> merged) {
    int max = config.sendBatchMaxSize();
    if (max == 0) {
      return List.of(merged);
    }
    try {
      return merged.split(max);
    } catch (PermanentException e) {
      // The bytes do not parse: no component after this one could read them either.
      log.error("batch processor {} dropped {} {}: {}", name, merged.items(), signal.itemName(), e.getMessage());
      drop(merged);
      return List.of();
    }
  }

  /** Passes batches on; on a retryable refusal puts them back (first in line) and stops there. */
  private boolean pass(List<Batch<T>> batches) {
    for (int i = 0; i < batches.size(); i++) {
      Batch<T> batch = batches.get(i);
      // Read before the hand-off: once taken, the batch is the next component's.
      int items = batch.items();
      try {
        next.consume(batch);
        sendSize.record(items);
        synchronized (lock) {
          downstreamRefusing = false;
        }
      } catch (RetryableException e) {
        putBack(batches.subList(i, batches.size()));
        log.debug("batch processor {}: next component refused, keeping the batch: {}", name, e.getMessage());
        return false;
      } catch (PermanentException e) {
        drop(batch);
        log.error("batch processor {} dropped {} {}: {}", name, items, signal.itemName(), e.getMessage());
      } catch (RuntimeException e) {
        // A bug downstream. Passing it up would tell the caller its batch was not taken, yet this
        // batch holds that one's lease and others': it is dropped like a permanent refusal instead.
        drop(batch);
        log.error("batch processor {} dropped {} {}: unexpected {}", name, items, signal.itemName(), e.toString(), e);
      }
    }
    return true;
  }

  /** The batch is refused for good: the data is lost, and its memory goes back to the budget. */
  private void drop(Batch<T> batch) {
    dropped.increment(batch.items());
    batch.release();
  }

  private void putBack(List<Batch<T>> refused) {
    synchronized (lock) {
      List<Batch<T>> restored = new ArrayList<>(refused);
      restored.addAll(pending);
      pending = restored;
      for (Batch<T> batch : refused) {
        pendingItems += batch.items();
      }
      downstreamRefusing = true;
    }
  }

  /** Stops the timer and passes on everything buffered, retrying refusals until the drain deadline. */
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
    long deadline = shutdownDeadline.nanos();
    while (true) {
      List<Batch<T>> ready;
      synchronized (lock) {
        if (pendingItems == 0) {
          return;
        }
        ready = takePending();
      }
      if (pass(fitToMaxSize(ready))) {
        continue;
      }
      if (System.nanoTime() >= deadline || !pauseBeforeRetry()) {
        break;
      }
    }
    synchronized (lock) {
      log.error(
          "batch processor {} dropped {} {} at shutdown: the next component refused them until the drain deadline",
          name, pendingItems, signal.itemName());
      pending.forEach(this::drop);
      pending = new ArrayList<>();
      pendingItems = 0;
    }
  }

  private static boolean pauseBeforeRetry() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "processor " + name;
  }
}
