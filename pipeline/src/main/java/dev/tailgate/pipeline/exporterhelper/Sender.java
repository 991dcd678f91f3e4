package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;

/**
 * The plain push of one batch to a backend: one attempt, bounded by {@code timeout}. Throws {@link
 * dev.tailgate.pipeline.RetryableException} or {@link dev.tailgate.pipeline.PermanentException};
 * the exporter helper adds the queue and the retries, and keeps ownership of the batch (a sender
 * never releases it). Called from the helper's consumer threads, several at once. Every retry of a
 * batch passes the same {@link Batch} instance, so a sender may key work it prepared (a translated
 * body, the documents still to send) by it.
 */
@FunctionalInterface
public interface Sender<T> {
  void send(Batch<T> batch, java.time.Duration timeout);
}
