package dev.tailgate.receiver.kafka;

import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * The records of one partition handed to the pipeline and not yet safe, in offset order, and the
 * offset that may be committed: one past the last record that is safe with every record before it.
 * A record is safe when the pipeline accepted it and the last holder of its data released its lease
 * (sent, stored on disk, dropped or decided away), or when it was skipped (it can never be taken).
 * Releases come from any thread (exporter senders, the tail-sampling ticker); tracking, refusals
 * and {@link #committable()} from the consumer thread.
 *
 * <p>Thread-safe.
 */
final class PartitionOffsets {
  private final ArrayDeque<TrackedRecord> inFlight = new ArrayDeque<>();

  /** One past the last record known safe with all before it; -1 before the first. */
  private long safeUpTo = -1;

  /** The offset last handed out to commit (in flight or done); -1 for none. */
  private long requested = -1;

  private long committed = -1;

  /** Starts tracking the record at {@code offset}, the partition's next after those tracked. */
  synchronized TrackedRecord track(long offset) {
    TrackedRecord last = inFlight.peekLast();
    if ((last != null && offset <= last.offset()) || offset < safeUpTo) {
      throw new IllegalArgumentException("offset " + offset + " is not after those tracked");
    }
    TrackedRecord record = new TrackedRecord(this, offset);
    inFlight.addLast(record);
    return record;
  }

  /**
   * The pipeline refused {@code record} (the last one tracked): it is not consumed and will be
   * handed again, so it holds back nothing.
   */
  synchronized void refused(TrackedRecord record) {
    if (inFlight.peekLast() != record) {
      throw new IllegalStateException("only the last record handed over can be refused");
    }
    inFlight.removeLast();
  }

  /** The offset to commit now, when it moved past the one last asked for. Consumer thread. */
  synchronized OptionalLong committable() {
    while (!inFlight.isEmpty() && inFlight.peekFirst().safe()) {
      safeUpTo = inFlight.removeFirst().offset() + 1;
    }
    if (safeUpTo > requested) {
      requested = safeUpTo;
      return OptionalLong.of(safeUpTo);
    }
    return OptionalLong.empty();
  }

  /** The broker took the commit of {@code offset}. */
  synchronized void committed(long offset) {
    committed = Math.max(committed, offset);
  }

  /** A commit failed: the next {@link #committable()} asks again for what is safe. */
  synchronized void commitFailed(long offset) {
    if (requested == offset) {
      requested = committed;
    }
  }

  /** The last offset the broker took; -1 before the first commit. */
  synchronized long committed() {
    return committed;
  }

  /** Records handed to the pipeline and not yet safe (or safe behind one that is not). */
  synchronized int outstanding() {
    int count = 0;
    for (TrackedRecord record : inFlight) {
      if (!record.safe()) {
        count++;
      }
    }
    return count;
  }

  /** True when every record handed over is safe (a revoked partition may then go). */
  synchronized boolean settled() {
    return inFlight.stream().allMatch(TrackedRecord::safe);
  }

  /** One record's progress; its transitions happen under the partition's lock. */
  static final class TrackedRecord {
    private final PartitionOffsets partition;
    private final long offset;
    private boolean accepted;
    private boolean released;

    private TrackedRecord(PartitionOffsets partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }

    long offset() {
      return offset;
    }

    /** The pipeline took the record (consume returned). */
    void accepted() {
      synchronized (partition) {
        accepted = true;
      }
    }

    /** The last holder of the record's lease let it go; may come before {@link #accepted()}. */
    void released() {
      synchronized (partition) {
        released = true;
      }
    }

    /** The record can never be taken (not valid OTLP): consumed as it is. */
    void skipped() {
      synchronized (partition) {
        accepted = true;
        released = true;
      }
    }

    private boolean safe() {
      return accepted && released;
    }
  }
}
