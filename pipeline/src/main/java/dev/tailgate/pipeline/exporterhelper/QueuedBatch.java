package dev.tailgate.pipeline.exporterhelper;

/** A batch a sender took from the queue. */
interface QueuedBatch<T> {
  T batch();

  /** Whether the batch is on disk, to be sent after a restart if it is not sent before. */
  boolean survivesRestart();

  /** The batch was sent or has failed for good: it is not to be sent again, even after a restart. */
  void done();
}
