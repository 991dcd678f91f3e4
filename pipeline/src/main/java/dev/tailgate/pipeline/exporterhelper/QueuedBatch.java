package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import java.io.IOException;

/** A batch waiting in, or taken from, an exporter's queue. */
interface QueuedBatch<T> {
  /** The batch, read from disk first when it waits there only; IOException if that fails. */
  Batch<T> batch() throws IOException;

  /** Items in the batch, known without reading it. */
  int items();

  /** Size in the queue's sizer unit. */
  long size();

  /** Whether the batch is on disk, to be sent after a restart if it is not sent before. */
  boolean survivesRestart();

  /**
   * The batch was sent or has failed for good: it is not to be sent again, even after a restart,
   * and its memory goes back to the budget.
   */
  void done();

  /** Left unsent at shutdown: memory goes back, a stored file stays for the next start. */
  void abandon();
}
