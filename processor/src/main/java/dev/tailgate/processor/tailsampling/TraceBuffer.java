package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Undecided traces by trace id, oldest first. Traces are kept in the order their first span
 * arrived, so the traces due for a decision are always a prefix and the oldest is at the head:
 * finding them never scans the traces still waiting. Traces whose root span arrived are also queued
 * in the order the root arrived (for decision_wait_after_root_received), which is again the order
 * they come due; a trace decided by other means leaves its id in that queue until its turn, skipped
 * then (only the id: the decided spans are not held on to). Not thread-safe; the processor guards
 * it.
 */
final class TraceBuffer {
  private final LinkedHashMap<ByteString, BufferedTrace> traces;
  private final ArrayDeque<RootArrival> byRootArrival = new ArrayDeque<>();
  private long spanCount;
  private long byteCount;

  /**
   * Sized up front for {@code expectedTraces} waiting at once (expected_new_traces_per_sec ×
   * decision_wait), so a busy start does not rehash the map again and again; it grows beyond.
   */
  TraceBuffer(int expectedTraces) {
    // A LinkedHashMap of capacity c holds 0.75 c entries before it grows.
    this.traces =
        new LinkedHashMap<>(Math.max(16, (int) Math.min(1 << 30, expectedTraces * 4L / 3 + 1)));
  }

  BufferedTrace get(ByteString traceId) {
    return traces.get(traceId);
  }

  /** Starts a trace whose first span arrives now. */
  BufferedTrace open(ByteString traceId, long arrivalNanos) {
    // Received ids may be views into the whole request's buffer; the key outlives the request.
    ByteString key = ByteString.copyFrom(traceId.toByteArray());
    BufferedTrace trace = new BufferedTrace(key, arrivalNanos);
    traces.put(key, trace);
    return trace;
  }

  /** When the root span of the trace of this id arrived. */
  private record RootArrival(ByteString traceId, long nanos) {}

  /** Queues {@code trace}, buffered, to be due after its root span's arrival. */
  void rootArrived(BufferedTrace trace) {
    byRootArrival.add(new RootArrival(trace.traceId(), trace.rootArrivalNanos()));
  }

  /**
   * Removes and returns the oldest buffered trace whose root span arrived at or before {@code
   * arrivedBy}, or null when there is none.
   */
  BufferedTrace removeRootArrivedBy(long arrivedByNanos) {
    for (RootArrival root; (root = byRootArrival.peek()) != null; ) {
      if (root.nanos() > arrivedByNanos) {
        return null;
      }
      byRootArrival.poll();
      // The id may have been decided since, and perhaps opened again as a new trace: that one is
      // due only if its own root arrived then (and then it is due now all the same).
      BufferedTrace trace = traces.get(root.traceId());
      if (trace != null && trace.hasRoot() && trace.rootArrivalNanos() == root.nanos()) {
        remove(trace);
        return trace;
      }
    }
    return null;
  }

  /** Removes {@code trace}, buffered, whatever its age. */
  void remove(BufferedTrace trace) {
    traces.remove(trace.traceId());
    spanCount -= trace.spanCount();
    byteCount -= trace.encodedBytes();
  }

  void spanAdded(int bytes) {
    spanCount++;
    byteCount += bytes;
  }

  int traceCount() {
    return traces.size();
  }

  long spanCount() {
    return spanCount;
  }

  /** Encoded bytes of the buffered spans. */
  long byteCount() {
    return byteCount;
  }

  boolean isEmpty() {
    return traces.isEmpty();
  }

  /** Removes and returns the oldest trace, or null when empty. */
  BufferedTrace removeOldest() {
    Iterator<BufferedTrace> oldest = traces.values().iterator();
    if (!oldest.hasNext()) {
      return null;
    }
    BufferedTrace trace = oldest.next();
    oldest.remove();
    spanCount -= trace.spanCount();
    byteCount -= trace.encodedBytes();
    return trace;
  }

  /**
   * Removes and returns the oldest trace if its first span arrived at or before {@code arrivedBy}.
   */
  BufferedTrace removeOldestArrivedBy(long arrivedByNanos) {
    Iterator<BufferedTrace> oldest = traces.values().iterator();
    if (!oldest.hasNext()) {
      return null;
    }
    BufferedTrace trace = oldest.next();
    if (trace.firstArrivalNanos() > arrivedByNanos) {
      return null;
    }
    oldest.remove();
    spanCount -= trace.spanCount();
    byteCount -= trace.encodedBytes();
    return trace;
  }

  /** Removes and returns the traces whose first span arrived at or before {@code arrivedBy}. */
  List<BufferedTrace> removeArrivedBy(long arrivedByNanos) {
    List<BufferedTrace> due = new ArrayList<>();
    Iterator<BufferedTrace> it = traces.values().iterator();
    while (it.hasNext()) {
      BufferedTrace trace = it.next();
      if (trace.firstArrivalNanos() > arrivedByNanos) {
        break;
      }
      it.remove();
      spanCount -= trace.spanCount();
      byteCount -= trace.encodedBytes();
      due.add(trace);
    }
    return due;
  }

  List<BufferedTrace> removeAll() {
    byRootArrival.clear();
    return removeArrivedBy(Long.MAX_VALUE);
  }
}
