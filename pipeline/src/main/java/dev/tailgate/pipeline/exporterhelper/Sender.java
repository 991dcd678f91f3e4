package dev.tailgate.pipeline.exporterhelper;

/**
 * The plain push of one batch to a backend: one attempt, bounded by {@code timeout}. Throws
 * {@link dev.tailgate.pipeline.RetryableException} or {@link dev.tailgate.pipeline.PermanentException};
 * the exporter helper adds the queue and the retries.
 */
@FunctionalInterface
public interface Sender<T> {
  void send(T batch, java.time.Duration timeout);
}
