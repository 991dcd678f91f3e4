package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ConsumerException;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each sender thread of an exporter runs: takes batches off the sending queue and delivers
 * them until the exporter stops taking batches and the queue is empty, or hands over to a rebuilt
 * instance.
 */
final class QueueDrain<T> implements Runnable {
  // Logs as the exporter helper it is part of, so that its log settings still apply.
  private static final Logger log = LoggerFactory.getLogger(ExporterHelper.class);

  /** How often an idle consumer looks whether the exporter is stopping. */
  private static final Duration POLL_WAIT = Duration.ofMillis(50);

  private final String name;
  private final String itemName;
  private final BatchQueue<T> queue;
  private final RetryingDelivery<T> delivery;
  private final Leftovers<T> leftovers;
  private final Counter sent;
  private final Counter failed;
  private final BooleanSupplier accepting;
  private final BooleanSupplier handingOver;

  QueueDrain(
      String name,
      String itemName,
      BatchQueue<T> queue,
      RetryingDelivery<T> delivery,
      Leftovers<T> leftovers,
      Counter sent,
      Counter failed,
      BooleanSupplier accepting,
      BooleanSupplier handingOver) {
    this.name = name;
    this.itemName = itemName;
    this.queue = queue;
    this.delivery = delivery;
    this.leftovers = leftovers;
    this.sent = sent;
    this.failed = failed;
    this.accepting = accepting;
    this.handingOver = handingOver;
  }

  @Override
  public void run() {
    while (!handingOver.getAsBoolean()) {
      QueuedBatch<T> next;
      try {
        next = queue.poll(POLL_WAIT);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        if (!accepting.getAsBoolean()) {
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
      delivery.deliver(batch);
      sent.increment(items);
      next.done();
    } catch (ConsumerException e) {
      failed.increment(items);
      next.done();
      log.error("exporter {} dropped {} {}: {}", name, items, itemName, e.getMessage());
    }
  }

  /**
   * A batch this thread was cut off from: handed over while the exporter is rebuilt, else left at
   * shutdown.
   */
  private void leftOver(QueuedBatch<T> batch) {
    if (handingOver.getAsBoolean()) {
      leftovers.cutOff(batch);
    } else {
      leftovers.atShutdown(List.of(batch));
    }
  }
}
