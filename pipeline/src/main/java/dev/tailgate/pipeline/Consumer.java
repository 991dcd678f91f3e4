package dev.tailgate.pipeline;

/**
 * Takes one batch of a signal. Returning normally means the batch is accepted: from then on the
 * callee is responsible for it. Refusals are a {@link RetryableException} (try again later, the
 * data was not taken) or a {@link PermanentException} (the data is bad and will never be taken).
 */
@FunctionalInterface
public interface Consumer<T> {
  void consume(T batch);
}
