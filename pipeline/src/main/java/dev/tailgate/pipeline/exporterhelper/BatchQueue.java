package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The batches an exporter has accepted and not yet taken to send, at most {@code queue_size} of
 * them in the sizer's unit. Room is reserved before a batch is committed, so that a fan-out can
 * admit a batch to all of its exporters or to none; a batch's room is given back as soon as a
 * sender takes it. Thread-safe.
 */
interface BatchQueue<T> {

  /**
   * Room for {@code batch}, or empty when the queue is full. Throws IOException when the batch
   * cannot be stored (a persistent queue on a full disk); no room is held then.
   */
  Optional<Slot> reserve(Batch<T> batch) throws IOException;

  /**
   * Lets in a batch accepted elsewhere (handed over by the exporter this one replaces), even beyond
   * the capacity; the queue owns it now. Does not fail: a batch that cannot be stored waits in
   * memory.
   */
  void adopt(Batch<T> batch);

  /** The oldest waiting batch, waiting up to {@code wait} for one; null if none came. */
  QueuedBatch<T> poll(Duration wait) throws InterruptedException;

  /** Room in use, in the sizer's unit, not counting batches being sent. */
  long size();

  long capacity();

  /** Takes out every waiting batch, at shutdown. */
  List<QueuedBatch<T>> takeAll();

  /** Room held for one batch: exactly one of commit or cancel is called. */
  interface Slot {
    /** Makes the batch wait in the queue, which now owns it; does not fail. */
    void commit();

    void cancel();
  }

  /**
   * The queue that {@code sending_queue} asks for. A persistent one opens (creating if need be) the
   * exporter's directory and finds what a previous run left there; a directory that cannot be used
   * is a config error naming the key.
   */
  static <T> BatchQueue<T> of(QueueConfig config, ComponentId exporter, Signal<T> signal) {
    if (!config.enabled() || !config.persistent()) {
      return new InMemoryBatchQueue<>(config.sizer(), config.queueSize());
    }
    try {
      return PersistentBatchQueue.open(
          QueueDirectory.open(config.storage().path(), exporter, signal),
          signal,
          config.sizer(),
          config.queueSize());
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              "exporters."
                  + exporter
                  + ".sending_queue.storage.directory: cannot use "
                  + config.storage().directory()
                  + " ("
                  + e
                  + ")"));
    }
  }
}
