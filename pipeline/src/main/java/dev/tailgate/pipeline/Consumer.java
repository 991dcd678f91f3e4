package dev.tailgate.pipeline;

/**
 * Takes one batch of a signal.
 *
 * <p><b>Ownership.</b> Returning normally means the batch is accepted: the callee now owns it,
 * including its memory lease, and must {@link Batch#release() release} it once it is done (sent,
 * dropped, written to disk, decided away). Throwing means the batch was not taken: the caller still
 * owns it. Refusals are a {@link RetryableException} (try again later) or a {@link
 * PermanentException} (the data is bad and will never be taken).
 *
 * <p><b>Threads.</b> Receivers call on their request threads (Jetty's and gRPC's), processors'
 * timers on their own threads, several at once: implementations are thread-safe. A consumer may
 * block briefly (a lock, a synchronous send without a queue) but never waits for room: when it has
 * none it refuses, so backpressure reaches the client instead of piling up threads.
 */
@FunctionalInterface
public interface Consumer<T> {
  void consume(Batch<T> batch);
}
