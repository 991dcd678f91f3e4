package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.Batch;

/**
 * One incoming batch while spans of it wait in the buffer. The buffered spans are slices of its
 * bytes, not copies, so the batch (with its memory lease) is held until the last of them is
 * decided: the budget counts what the buffer holds, and releasing it is what frees room for new
 * requests. Guarded by the processor's lock.
 */
final class Arrival {
  private final Batch<?> batch;
  private final byte[] bytes;

  /** Buffered spans not decided yet, plus one while the batch is being read. */
  private int holds = 1;

  Arrival(Batch<?> batch, byte[] bytes) {
    this.batch = batch;
    this.bytes = bytes;
  }

  /** Who sent the batch; kept spans leave under the same tenant. */
  String tenant() {
    return batch.tenant();
  }

  /**
   * One more reference to the batch, for a kept request written from its spans: the batch's lease
   * must outlive the decision until those spans were taken for good downstream (a kafka receiver
   * commits a record's offset on the last release).
   */
  Batch<?> retainForKept() {
    return batch.retain();
  }

  byte[] bytes() {
    return bytes;
  }

  void spanBuffered() {
    holds++;
  }

  void spanDecided() {
    release();
  }

  /**
   * Reading the batch is over. Until then a trace decided early while the batch is read (to make
   * room) cannot release it under the spans still to come.
   */
  void doneReading() {
    release();
  }

  private void release() {
    if (--holds == 0) {
      batch.release();
    }
  }
}
