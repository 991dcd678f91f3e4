package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.common.PendingDownstream;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides buffered traces by the current policies, remembers each verdict for late spans, and
 * queues the kept spans for the next component. Every method that touches the buffer holds its
 * monitor, the lock shared with {@link SpanIntake}: policies may keep state (rate limits), so they
 * are asked one trace at a time.
 */
final class TraceDecisions {
  /** Kept spans per request passed on while deciding a round's traces. */
  private static final int KEPT_REQUEST_SPANS = 8192;

  private final TraceBuffer buffer;
  private final SamplingPolicies policies;
  private final TraceDecider decider;
  private final DecisionCache decisionCache;
  private final SpanMarker marker;
  private final boolean dryRun;
  private final long decisionWaitNanos;
  private final long rootWaitNanos;
  private final TailSamplingMetrics metrics;
  private final PendingDownstream<ExportTraceServiceRequest> downstream;
  private final Clock clock;

  TraceDecisions(
      TailSamplingConfig config,
      TraceBuffer buffer,
      SamplingPolicies policies,
      TailSamplingMetrics metrics,
      PendingDownstream<ExportTraceServiceRequest> downstream,
      Clock clock) {
    this.buffer = buffer;
    this.policies = policies;
    this.decider = new TraceDecider(metrics, config.sampleOnFirstMatch());
    this.decisionCache = new DecisionCache(config.decisionCache());
    this.marker =
        new SpanMarker(config.policyAttribute(), config.tracestateThreshold(), config.dryRun());
    this.dryRun = config.dryRun();
    this.decisionWaitNanos = config.decisionWait().toNanos();
    this.rootWaitNanos = config.rootWait().toNanos();
    this.metrics = metrics;
    this.downstream = downstream;
    this.clock = clock;
  }

  /** Now on the clock the buffer's arrival times are kept in. */
  long now() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A builder for the spans kept by one round of decisions. */
  SampledRequestBuilder newKept() {
    return new SampledRequestBuilder(marker);
  }

  /**
   * Decides every trace whose first span arrived decision_wait ago or earlier, or whose root span
   * arrived decision_wait_after_root_received ago or earlier, and passes kept ones on, with what
   * the next component refused before.
   */
  void decideDue() {
    synchronized (buffer) {
      long now = now();
      SampledRequestBuilder kept = newKept();
      // One trace at a time, and kept spans leave in requests of a bounded size: a round may
      // decide hundreds of thousands of spans, and their marked forms must not all live at once.
      for (BufferedTrace trace;
          (trace = buffer.removeOldestArrivedBy(now - decisionWaitNanos)) != null; ) {
        kept = decideInRound(trace, kept, now);
      }
      if (rootWaitNanos > 0) {
        for (BufferedTrace trace;
            (trace = buffer.removeRootArrivedBy(now - rootWaitNanos)) != null; ) {
          kept = decideInRound(trace, kept, now);
        }
      }
      enqueue(kept);
      // Room was made: intake waiting for it (block_on_overflow) may go on.
      buffer.notifyAll();
    }
    downstream.passWaiting();
  }

  private SampledRequestBuilder decideInRound(
      BufferedTrace trace, SampledRequestBuilder kept, long now) {
    decide(trace, kept, now);
    if (kept.spanCount() < KEPT_REQUEST_SPANS) {
      return kept;
    }
    enqueue(kept);
    return newKept();
  }

  /**
   * Drops every waiting trace undecided, at shutdown with drop_pending_traces_on_shutdown; returns
   * how many.
   */
  int dropAll() {
    synchronized (buffer) {
      int dropped = 0;
      for (BufferedTrace trace : buffer.removeAll()) {
        trace.decided();
        dropped++;
      }
      return dropped;
    }
  }

  /**
   * Drops {@code trace}, taken out of the buffer because it grew past maximum_trace_size_bytes,
   * without asking the policies; remembered as not sampled, so its later spans are dropped too.
   */
  void dropOversized(BufferedTrace trace, SampledRequestBuilder kept, long now) {
    synchronized (buffer) {
      SamplingVerdict verdict = SamplingVerdict.NOT_SAMPLED;
      decisionCache.remember(trace.traceId(), verdict);
      metrics.traceDecided(verdict, Duration.ofNanos(Math.max(0, now - trace.firstArrivalNanos())));
      if (dryRun) {
        kept.add(trace, verdict);
      }
      trace.decided();
    }
  }

  /** Whether a verdict is remembered for {@code traceId}; nothing is counted. */
  boolean remembers(ByteString traceId) {
    return decisionCache.lookup(traceId) != null;
  }

  /** Decides every waiting trace now, at shutdown; the kept spans are queued, not passed. */
  void decideAll() {
    synchronized (buffer) {
      long now = now();
      SampledRequestBuilder kept = newKept();
      for (BufferedTrace trace : buffer.removeAll()) {
        decide(trace, kept, now);
      }
      enqueue(kept);
    }
  }

  /** Decides {@code trace}, taken out of the buffer, adding its spans to {@code kept} if kept. */
  void decide(BufferedTrace trace, SampledRequestBuilder kept, long now) {
    synchronized (buffer) {
      SamplingVerdict verdict = decider.decide(policies.current(), trace);
      decisionCache.remember(trace.traceId(), verdict);
      metrics.traceDecided(verdict, Duration.ofNanos(Math.max(0, now - trace.firstArrivalNanos())));
      if (verdict.sampled() || dryRun) {
        kept.add(trace, verdict);
      }
      trace.decided();
    }
  }

  /**
   * Lets a span of a trace decided already follow the remembered verdict: into {@code kept}, or
   * dropped. False when no verdict is remembered, so the span starts a trace of its own.
   */
  boolean followRememberedVerdict(
      BufferedSpan span, ByteString traceId, SampledRequestBuilder kept) {
    SamplingVerdict verdict = decisionCache.lookup(traceId);
    if (verdict == null) {
      return false;
    }
    metrics.lateSpan(verdict);
    if (verdict.sampled() || dryRun) {
      kept.add(span, verdict);
    }
    return true;
  }

  /** Queues the kept spans for the next component, as requests written here. */
  void enqueue(SampledRequestBuilder kept) {
    for (SampledRequestBuilder.KeptRequest request : kept.build()) {
      // Written here, under the leases of the arrivals its spans came from: they are released
      // only when the next component is done with the kept spans, not at the decision.
      downstream.add(
          Batch.writtenFrom(Signal.TRACES, request.request(), request.spans(), request.sources())
              .from(request.tenant()));
    }
  }
}
