package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter.Reservation;
import dev.tailgate.pipeline.RetryableException;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves room in an exporter's sending queue, or refuses the batch retryably when the queue is
 * full or cannot store it, so that a slow backend pushes back on the pipeline instead of blocking
 * it.
 */
final class QueueAdmission<T> {
  // Logs as the exporter helper it is part of, so that its log settings still apply.
  private static final Logger log = LoggerFactory.getLogger(ExporterHelper.class);

  private final String name;
  private final BatchQueue<T> queue;
  private final QueueConfig config;
  private final Counter enqueueFailed;

  QueueAdmission(String name, BatchQueue<T> queue, QueueConfig config, Counter enqueueFailed) {
    this.name = name;
    this.queue = queue;
    this.config = config;
    this.enqueueFailed = enqueueFailed;
  }

  Reservation reserve(Batch<T> batch) {
    Optional<BatchQueue.Slot> slot;
    try {
      slot = queue.reserve(batch);
    } catch (IOException e) {
      enqueueFailed.increment(batch.items());
      log.error("exporter {} refused a batch: cannot store it ({})", name, e.toString());
      throw new RetryableException(
          "sending queue of exporter " + name + " cannot store the batch: " + e,
          ExporterHelper.QUEUE_FULL_RETRY_AFTER,
          e);
    }
    if (slot.isEmpty()) {
      enqueueFailed.increment(batch.items());
      throw new RetryableException(
          "sending queue of exporter " + name + " is full (" + config.describeSize() + ")",
          ExporterHelper.QUEUE_FULL_RETRY_AFTER,
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
}
