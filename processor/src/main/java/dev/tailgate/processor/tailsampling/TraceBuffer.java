package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Undecided traces by trace id, oldest first. Traces are kept in the order their first span
 * arrived, so the traces due for a decision are always a prefix and the oldest is at the head:
 * finding them never scans the traces still waiting. Not thread-safe; the processor guards it.
 */
final class TraceBuffer {
  private final LinkedHashMap<ByteString, BufferedTrace> traces = new LinkedHashMap<>();
  private long spanCount;
  private long byteCount;

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
    return removeArrivedBy(Long.MAX_VALUE);
  }
}
