package dev.tailgate.processor.batch;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.EncodedForms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers incoming batches and passes them on once {@code send_batch_size} items are waiting (on
 * the caller's thread, so no hand-off) or when the timer fires. Accepted data is never dropped for
 * a retryable refusal downstream: the refused batch goes back to the front of the buffer and is
 * retried on the next trigger, and the processor refuses new data only once
 * {@link BatchConfig#maxPendingItems()} are waiting.
 */
final class BatchProcessor<T> implements Processor<T> {
  private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);

  private final String name;
  private final BatchConfig config;
  private final Signal<T> signal;
  private final Consumer<T> next;
  private final Duration drainTimeout;
  private final EncodedForms encodedForms;

  private final Object lock = new Object();
  private List<T> pending = new ArrayList<>();
  private int pendingItems;
  private boolean downstreamRefusing;
  private boolean stopped;
  private ScheduledExecutorService timer;

  private final DistributionSummary sendSize;
  private final Counter sizeTriggers;
  private final Counter timeoutTriggers;
  private final Counter dropped;

  BatchProcessor(ComponentSettings settings, BatchConfig config, Signal<T> signal, Consumer<T> next) {
    this.name = settings.id() + "/" + signal.name();
    this.config = config;
    this.signal = signal;
    this.next = next;
    this.drainTimeout = settings.drainTimeout();
    this.encodedForms = settings.encodedForms();
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
    timer.scheduleAtFixedRate(this::onTimeout, period, period, TimeUnit.NANOSECONDS);
  }

  @Override
  public void consume(T batch) {
    int items = signal.count(batch);
    if (items == 0) {
      return;
    }
    List<T> ready = null;
    synchronized (lock) {
      if (stopped) {
        throw new RetryableException("batch processor " + name + " is shutting down", REFUSAL_RETRY_AFTER, null);
      }
      if (pendingItems > 0 && pendingItems + items > config.maxPendingItems()) {
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
      pass(ready);
    }
  }

  /** Timer tick: passes on whatever waits, and retries what the next component refused. */
  void onTimeout() {
    List<T> ready;
    synchronized (lock) {
      if (pendingItems == 0) {
        return;
      }
      ready = takePending();
    }
    timeoutTriggers.increment();
    pass(ready);
  }

  /** Empties the buffer into batches of at most send_batch_max_size items. Holds the lock. */
  private List<T> takePending() {
    T merged = encodedForms.merge(signal, pending);
    int items = pendingItems;
    pending = new ArrayList<>();
    pendingItems = 0;
    int max = config.sendBatchMaxSize();
    return max > 0 && items > max ? signal.split(merged, max) : List.of(merged);
  }

  /** Passes batches on; on a retryable refusal puts them back (first in line) and stops there. */
  private boolean pass(List<T> batches) {
    for (int i = 0; i < batches.size(); i++) {
      T batch = batches.get(i);
      try {
        next.consume(batch);
        sendSize.record(signal.count(batch));
        synchronized (lock) {
          downstreamRefusing = false;
        }
      } catch (RetryableException e) {
        putBack(batches.subList(i, batches.size()));
        log.debug("batch processor {}: next component refused, keeping the batch: {}", name, e.getMessage());
        return false;
      } catch (PermanentException e) {
        int items = signal.count(batch);
        dropped.increment(items);
        log.error("batch processor {} dropped {} {}: {}", name, items, signal.itemName(), e.getMessage());
      }
    }
    return true;
  }

  private void putBack(List<T> refused) {
    synchronized (lock) {
      List<T> restored = new ArrayList<>(refused);
      restored.addAll(pending);
      pending = restored;
      for (T batch : refused) {
        pendingItems += signal.count(batch);
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
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (true) {
      List<T> ready;
      synchronized (lock) {
        if (pendingItems == 0) {
          return;
        }
        ready = takePending();
      }
      if (pass(ready)) {
        continue;
      }
      if (System.nanoTime() >= deadline || !pauseBeforeRetry()) {
        break;
      }
    }
    synchronized (lock) {
      dropped.increment(pendingItems);
      log.error(
          "batch processor {} dropped {} {} at shutdown: the next component refused them until the drain deadline",
          name, pendingItems, signal.itemName());
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
