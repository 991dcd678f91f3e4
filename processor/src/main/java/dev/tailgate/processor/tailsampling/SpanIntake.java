package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.wire.WireReader;
import dev.tailgate.processor.common.PendingDownstream;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arrival path: takes the spans of incoming batches into the buffer, or lets them follow a
 * remembered verdict, within the memory bounds. At any bound ({@code num_traces}, {@code
 * max_buffered_spans}, {@code max_buffered_bytes}) the oldest traces are decided early to make
 * room; only when kept spans waiting for the next component fill the span bound is new data
 * refused. (Spans kept by an early decision are passed on at once; should the next component start
 * refusing at that very moment, they wait too, so the span count can pass the bound by one
 * request's early decisions.) Holds the buffer's monitor, shared with {@link TraceDecisions}.
 */
final class SpanIntake {
  private static final Logger log = LoggerFactory.getLogger(SpanIntake.class);
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);

  private final String id;
  private final int numTraces;
  private final int maxBufferedSpans;
  private final long maxBufferedBytes;
  private final long maximumTraceSizeBytes;
  private final boolean rootHastens;
  private final boolean blockOnOverflow;
  private final TraceBuffer buffer;
  private final TraceDecisions decisions;
  private final PendingDownstream<ExportTraceServiceRequest> downstream;
  private final TailSamplingMetrics metrics;
  private boolean stopped;

  SpanIntake(
      String id,
      TailSamplingConfig config,
      long maxBufferedBytes,
      TraceBuffer buffer,
      TraceDecisions decisions,
      PendingDownstream<ExportTraceServiceRequest> downstream,
      TailSamplingMetrics metrics) {
    this.id = id;
    this.numTraces = config.numTraces();
    this.maxBufferedSpans = config.maxBufferedSpans();
    this.maxBufferedBytes = maxBufferedBytes;
    this.maximumTraceSizeBytes = config.maximumTraceSizeBytes();
    this.rootHastens = !config.rootWait().isZero();
    this.blockOnOverflow = config.blockOnOverflow();
    this.buffer = buffer;
    this.decisions = decisions;
    this.downstream = downstream;
    this.metrics = metrics;
  }

  /**
   * Takes the spans of a batch into the buffer; the batch is then the buffer's, until its last
   * buffered span is decided. Throws, leaving the batch the caller's, when it refuses.
   */
  void take(Batch<ExportTraceServiceRequest> batch) {
    int spans = batch.items();
    if (spans == 0) {
      batch.release();
      return;
    }
    // Bytes alone: a batch built in the gateway (by the peer router, say) also holds its parsed
    // form.
    Batch<ExportTraceServiceRequest> encoded = batch.encoded();
    WireReader bytes = WireReader.of(encoded.wire());
    takeSpans(new Arrival(encoded, bytes.buffer()), bytes.position(), bytes.limit(), spans);
  }

  /** Refuses all data from now on; false if it did already. */
  boolean close() {
    synchronized (buffer) {
      if (stopped) {
        return false;
      }
      stopped = true;
      // Intake waiting for room (block_on_overflow) refuses instead.
      buffer.notifyAll();
      return true;
    }
  }

  /** Buffers, or lets follow a remembered verdict, each of the arrival's {@code spans} spans. */
  private void takeSpans(Arrival arrival, int from, int to, int spans) {
    boolean refuse;
    synchronized (buffer) {
      if (stopped) {
        throw new RetryableException(
            "tail_sampling processor " + id + " is shutting down", REFUSAL_RETRY_AFTER, null);
      }
      if (spans > maxBufferedSpans) {
        throw new PermanentException(
            "tail_sampling processor "
                + id
                + ": a request of "
                + spans
                + " spans exceeds max_buffered_spans ("
                + maxBufferedSpans
                + ")");
      }
      downstream.refuseBeyond(maxBufferedSpans, spans);
      if (blockOnOverflow) {
        awaitRoomForTraces(arrival, from, to);
      }
      long now = decisions.now();
      SampledRequestBuilder kept = decisions.newKept();
      refuse = !makeRoom(spans, to - from, kept, now);
      if (!refuse) {
        try {
          IncomingSpans.read(
              arrival, from, to, (span, traceId, root) -> route(span, traceId, root, kept, now));
        } catch (InvalidProtocolBufferException e) {
          // Receivers let in only requests that scan: this is a bug upstream in the gateway. Spans
          // read so far are buffered already, so the batch cannot go back to the caller.
          log.error(
              "tail_sampling processor {}: a batch stopped reading as spans; the rest of it is"
                  + " lost",
              id,
              e);
        }
        arrival.doneReading();
      }
      decisions.enqueue(kept);
    }
    if (!downstream.refusing()) {
      downstream.passWaiting();
    }
    if (refuse) {
      throw new RetryableException(
          "tail_sampling processor "
              + id
              + " has no room for "
              + spans
              + " spans: sampled spans wait for the next component",
          REFUSAL_RETRY_AFTER,
          null);
    }
  }

  /**
   * Decides the oldest traces early until {@code spans} more fit under max_buffered_spans; false
   * when they still do not. Spans kept by those early decisions are passed on right after, so they
   * take no room, unless the next component has been refusing: then they would only wait in memory
   * too, and refusing the new data is the better bound. Holds the lock.
   */
  private boolean makeRoom(int spans, long bytes, SampledRequestBuilder kept, long now) {
    while (inMemory(spans, kept) > maxBufferedSpans && !buffer.isEmpty()) {
      decisions.decide(buffer.removeOldest(), kept, now);
      metrics.decidedEarlyForSpanLimit();
    }
    // Bytes bound only the buffer: kept spans waiting downstream count in the span bound above.
    while (buffer.byteCount() + bytes > maxBufferedBytes && !buffer.isEmpty()) {
      decisions.decide(buffer.removeOldest(), kept, now);
      metrics.decidedEarlyForByteLimit();
    }
    return inMemory(spans, kept) <= maxBufferedSpans;
  }

  private long inMemory(int arriving, SampledRequestBuilder kept) {
    return buffer.spanCount()
        + downstream.heldItems()
        + arriving
        + (downstream.refusing() ? kept.spanCount() : 0);
  }

  /**
   * With block_on_overflow: waits, lock released, until the traces the batch would start fit
   * num_traces with those waiting, as the Collector does; decision rounds make the room. A batch
   * that starts more traces than num_traces alone cannot wait for room: the oldest traces are then
   * decided early as without the key. Holds the lock; throws when shutdown begins meanwhile.
   */
  private void awaitRoomForTraces(Arrival arrival, int from, int to) {
    try {
      for (int starting = newTraces(arrival, from, to);
          starting <= numTraces && buffer.traceCount() + starting > numTraces;
          starting = newTraces(arrival, from, to)) {
        // Woken by each decision round; the timeout only guards against a missed wake-up.
        buffer.wait(REFUSAL_RETRY_AFTER.toMillis());
        if (stopped) {
          throw new RetryableException(
              "tail_sampling processor " + id + " is shutting down", REFUSAL_RETRY_AFTER, null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(
          "tail_sampling processor " + id + ": interrupted waiting for room (block_on_overflow)",
          REFUSAL_RETRY_AFTER,
          e);
    }
  }

  /** How many traces the batch's spans would start: ids neither buffered nor decided. */
  private int newTraces(Arrival arrival, int from, int to) {
    Set<ByteString> starting = new HashSet<>();
    try {
      IncomingSpans.read(
          arrival,
          from,
          to,
          (span, traceId, root) -> {
            if (buffer.get(traceId) == null && !decisions.remembers(traceId)) {
              starting.add(traceId);
            }
          });
    } catch (InvalidProtocolBufferException e) {
      // Reading for real reports it; here a batch that does not read waits for nothing.
      return 0;
    }
    return starting.size();
  }

  /** Buffers one span, or lets it follow its trace's remembered verdict. Holds the lock. */
  private void route(
      BufferedSpan span, ByteString traceId, boolean root, SampledRequestBuilder kept, long now) {
    BufferedTrace trace = buffer.get(traceId);
    if (trace == null) {
      if (decisions.followRememberedVerdict(span, traceId, kept)) {
        return;
      }
      if (buffer.traceCount() >= numTraces) {
        decisions.decide(buffer.removeOldest(), kept, now);
        metrics.decidedEarlyForTraceLimit();
      }
      trace = buffer.open(traceId, now);
    }
    trace.add(span);
    buffer.spanAdded(span.length());
    if (maximumTraceSizeBytes > 0 && trace.encodedBytes() > maximumTraceSizeBytes) {
      buffer.remove(trace);
      decisions.dropOversized(trace, kept, now);
      metrics.droppedForTraceSize();
      return;
    }
    if (root && rootHastens && trace.rootArrived(now)) {
      buffer.rootArrived(trace);
    }
  }
}
