package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter;

/**
 * An exporter that can hand what it holds to a rebuilt instance of itself, so that a config reload
 * that changes an exporter (its endpoint, headers, TLS, timeouts) keeps every queued batch. The
 * caller ({@link dev.tailgate.pipeline.graph.ServiceGraph}) guarantees the order: no reservation is
 * under way at {@link #stopSending()}; the successor is built after it (a persistent successor then
 * finds this one's files on disk); then {@link #handOverTo} or, if building failed, {@link
 * #resumeSending()}.
 */
public interface HandsOver<T> extends Exporter<T> {
  /**
   * Stops taking and sending: the sender threads end, an attempt under way is cut off (its batch is
   * handed over too, so it may reach the backend twice). What waits stays queued.
   */
  void stopSending();

  /** Takes and sends again as before {@link #stopSending()}: the rebuild did not happen. */
  void resumeSending();

  /**
   * Gives every batch still held to {@code successor} (a batch stored on disk stays there, where
   * the successor found it when it opened the same directory), then closes this one's client. This
   * instance is done afterwards.
   */
  void handOverTo(HandsOver<T> successor);

  /** Takes a handed-over batch into the queue, even beyond queue_size: it was accepted already. */
  void adopt(Batch<T> batch);
}
