package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an exporter is left with when it stops sending: batches its sender threads were cut off from
 * and batches still queued. A config reload's rebuild hands them to the new instance; at shutdown
 * they are kept on disk (persistent queue) or dropped and counted. Thread-safe.
 */
final class Leftovers<T> {
  private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

  private final String name;
  private final String itemName;
  private final Counter failed;

  /** Guards cutOff and successor. */
  private final Object lock = new Object();

  /** Cut off while handing over, before the successor is known. */
  private final List<QueuedBatch<T>> cutOff = new ArrayList<>();

  private HandsOver<T> successor;

  Leftovers(String name, String itemName, Counter failed) {
    this.name = name;
    this.itemName = itemName;
    this.failed = failed;
  }

  /** A batch a sender thread gave up on while the exporter is being rebuilt. */
  void cutOff(QueuedBatch<T> batch) {
    HandsOver<T> to;
    synchronized (lock) {
      if (successor == null) {
        cutOff.add(batch);
        return;
      }
      to = successor;
    }
    pass(batch, to, false);
  }

  /**
   * The rebuilt instance is running: what was cut off and what waited go to it; later cut-offs too.
   */
  int handTo(HandsOver<T> next, List<QueuedBatch<T>> waiting) {
    List<QueuedBatch<T>> left;
    synchronized (lock) {
      successor = next;
      left = new ArrayList<>(cutOff);
      cutOff.clear();
    }
    left.addAll(waiting);
    left.forEach(batch -> pass(batch, next, false));
    return left.size();
  }

  /** The rebuild did not happen: what was cut off goes back into {@code self}'s own queue. */
  void takeBack(HandsOver<T> self) {
    List<QueuedBatch<T>> back;
    synchronized (lock) {
      back = new ArrayList<>(cutOff);
      cutOff.clear();
    }
    back.forEach(batch -> pass(batch, self, true));
  }

  /**
   * Moves one batch to {@code to}: a stored one bound elsewhere stays on disk, where {@code to}
   * (the exporter rebuilt on the same directory) found it; one in memory changes owner.
   */
  private void pass(QueuedBatch<T> batch, HandsOver<T> to, boolean toSelf) {
    if (batch.survivesRestart() && !toSelf) {
      batch.abandon();
      return;
    }
    try {
      Batch<T> taken = batch.batch();
      to.adopt(taken);
      if (batch.survivesRestart()) {
        // Stored again by adopt: the old file must not be sent a second time.
        batch.done();
      }
    } catch (IOException | RuntimeException e) {
      failed.increment(Math.max(0, batch.items()));
      batch.done();
      log.error("exporter {} dropped a batch it could not hand over: {}", name, e.toString());
    }
  }

  /**
   * Batches not sent by the drain deadline: lost unless stored on disk, where the next start finds
   * them (so they are not counted as failed).
   */
  void atShutdown(List<QueuedBatch<T>> left) {
    int lost = 0;
    int stored = 0;
    for (QueuedBatch<T> batch : left) {
      if (batch.survivesRestart()) {
        stored += Math.max(0, batch.items());
      } else {
        lost += batch.items();
      }
      batch.abandon();
    }
    if (lost > 0) {
      failed.increment(lost);
      log.error(
          "exporter {} dropped {} queued {} at shutdown: the drain deadline passed",
          name,
          lost,
          itemName);
    }
    if (stored > 0) {
      log.warn(
          "exporter {} left {} {} on disk at shutdown (the drain deadline passed); they are sent"
              + " after the next start",
          name,
          stored,
          itemName);
    }
  }
}
