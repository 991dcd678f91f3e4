package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Reconfigurable;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.wire.WireReader;
import dev.tailgate.processor.tailsampling.peers.PeerRouter;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import dev.tailgate.processor.tailsampling.policy.Policy;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tail-based sampling: holds every span of a trace until {@code decision_wait} after the trace's
 * first span, then lets the policies decide the whole trace at once and passes kept traces on,
 * complete. Spans of a trace decided already follow the remembered verdict ({@code
 * decision_cache}).
 *
 * <p>Memory is bounded by trace count ({@code num_traces}), span count ({@code
 * max_buffered_spans}, which also counts kept spans the next component has refused so far) and
 * encoded bytes ({@code max_buffered_bytes}): at any bound the oldest traces are decided early to
 * make room. Only when kept spans waiting for
 * the next component fill the span bound does this processor refuse new data. (Spans kept by an
 * early decision are passed on at once; should the next component start refusing at that very
 * moment, they wait too, so the span count can pass the bound by one request's early decisions.)
 *
 * <p>With {@code peers}, several replicas share the traces: each span goes to the replica that
 * owns its trace ({@link PeerRouter}), and only the spans this replica owns, or that a peer
 * forwarded here, are buffered.
 *
 * <p><b>Ownership.</b> The buffer regroups spans across batches without parsing them: each span
 * waits as a slice of the bytes it arrived in ({@link IncomingSpans}), and the incoming batch,
 * with its memory lease, is held until the last of its buffered spans is decided ({@link
 * Arrival}); a refused batch stays the caller's. Kept spans leave as new batches written here from
 * those slices; one the next component refuses for good is released and dropped.
 */
public final class TailSamplingProcessor
    implements Processor<ExportTraceServiceRequest>, Reconfigurable<TailSamplingConfig> {
  /** Kept spans per request passed on while deciding a tick's traces. */
  private static final int KEPT_REQUEST_SPANS = 8192;
  private static final Logger log = LoggerFactory.getLogger(TailSamplingProcessor.class);
  private static final Duration REFUSAL_RETRY_AFTER = Duration.ofSeconds(1);
  private static final Duration MIN_TICK = Duration.ofMillis(10);
  private static final Duration MAX_TICK = Duration.ofSeconds(1);

  private final String id;
  private final TailSamplingConfig config;
  private final Consumer<ExportTraceServiceRequest> next;
  private final Clock clock;
  private final ShutdownDeadline shutdownDeadline;
  private final PolicyBuilder policyBuilder;
  private final TailSamplingMetrics metrics;
  private final TraceDecider decider;
  private final DecisionCache decisionCache;
  private final SpanMarker marker;
  private final long decisionWaitNanos;
  private final long maxBufferedBytes;
  private final PeerRouter peers;

  private final Object lock = new Object();
  private final TraceBuffer buffer = new TraceBuffer();
  /** Kept spans the next component has not taken yet, oldest first; owned by this processor. */
  private final Deque<Batch<ExportTraceServiceRequest>> pending = new ArrayDeque<>();
  private long pendingSpans;
  private List<Policy> policies;
  private boolean downstreamRefusing;
  private boolean stopped;
  private ScheduledExecutorService ticker;

  TailSamplingProcessor(
      ComponentSettings settings,
      TailSamplingConfig config,
      Consumer<ExportTraceServiceRequest> next,
      PolicyBuilder policyBuilder) {
    this(settings, config, next, policyBuilder, null);
  }

  /** {@code peerRouter} makes the router that feeds this processor's buffer; null without peers. */
  TailSamplingProcessor(
      ComponentSettings settings,
      TailSamplingConfig config,
      Consumer<ExportTraceServiceRequest> next,
      PolicyBuilder policyBuilder,
      Function<Consumer<ExportTraceServiceRequest>, PeerRouter> peerRouter) {
    this.id = settings.id().toString();
    this.config = config;
    this.next = next;
    this.clock = settings.clock();
    this.shutdownDeadline = settings.shutdown();
    this.policyBuilder = policyBuilder;
    this.policies = List.copyOf(policyBuilder.build(config.policies()));
    this.metrics = new TailSamplingMetrics(settings.meters(), id);
    this.decider = new TraceDecider(metrics);
    this.decisionCache = new DecisionCache(config.decisionCache());
    this.marker = new SpanMarker(config.policyAttribute(), config.tracestateThreshold(), config.dryRun());
    this.decisionWaitNanos = config.decisionWait().toNanos();
    this.maxBufferedBytes = config.maxBufferedBytes(settings.memory().limit());
    metrics.gauges(this::tracesInMemory, this::spansInMemory, this::bytesInMemory);
    this.peers = peerRouter == null ? null : peerRouter.apply(this::buffer);
  }

  /** The ring of peers with their health, this replica first; empty without {@code peers}. */
  public List<PeerState> peers() {
    return peers == null ? List.of() : peers.peers();
  }

  /** The component id ({@code tail_sampling} or {@code tail_sampling/name}), for the reload task. */
  @Override
  public String id() {
    return id;
  }

  @Override
  public void start() {
    long period = tickPeriod(config.decisionWait()).toNanos();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "tail-sampling-" + id);
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.NANOSECONDS);
    if (peers != null) {
      peers.start();
    }
  }

  /** A tenth of decision_wait, so a trace waits at most 10% longer than asked; within sane bounds. */
  static Duration tickPeriod(Duration decisionWait) {
    Duration tenth = decisionWait.dividedBy(10);
    if (tenth.compareTo(MIN_TICK) < 0) {
      return MIN_TICK;
    }
    return tenth.compareTo(MAX_TICK) > 0 ? MAX_TICK : tenth;
  }

  @Override
  public void consume(Batch<ExportTraceServiceRequest> batch) {
    if (peers == null) {
      buffer(batch);
    } else {
      peers.route(batch);
    }
  }

  /**
   * Takes the spans of a batch this replica decides into the buffer; the batch is then the
   * buffer's, until its last buffered span is decided. Throws, leaving the batch the caller's, when
   * it refuses.
   */
  private void buffer(Batch<ExportTraceServiceRequest> batch) {
    int spans = batch.items();
    if (spans == 0) {
      batch.release();
      return;
    }
    // Bytes alone: a batch built in the gateway (by the peer router, say) also holds its parsed form.
    Batch<ExportTraceServiceRequest> encoded = batch.encoded();
    WireReader bytes = WireReader.of(encoded.wire());
    bufferSpans(new Arrival(encoded, bytes.buffer()), bytes.position(), bytes.limit(), spans);
  }

  /** Buffers, or lets follow a remembered verdict, each of the arrival's {@code spans} spans. */
  private void bufferSpans(Arrival arrival, int from, int to, int spans) {
    boolean refuse;
    boolean pass;
    synchronized (lock) {
      if (stopped) {
        throw new RetryableException("tail_sampling processor " + id + " is shutting down", REFUSAL_RETRY_AFTER, null);
      }
      int bound = config.maxBufferedSpans();
      if (spans > bound) {
        throw new PermanentException(
            "tail_sampling processor " + id + ": a request of " + spans + " spans exceeds max_buffered_spans (" + bound + ")");
      }
      if (pendingSpans + spans > bound) {
        throw new RetryableException(
            "tail_sampling processor " + id + " holds " + pendingSpans + " sampled spans that the next component refuses",
            REFUSAL_RETRY_AFTER,
            null);
      }
      long now = nowNanos();
      SampledRequestBuilder kept = new SampledRequestBuilder(marker);
      refuse = !makeRoom(spans, to - from, kept, now);
      if (!refuse) {
        try {
          IncomingSpans.read(arrival, from, to, (span, traceId) -> route(span, traceId, kept, now));
        } catch (InvalidProtocolBufferException e) {
          // Receivers let in only requests that scan: this is a bug upstream in the gateway. Spans
          // read so far are buffered already, so the batch cannot go back to the caller.
          log.error("tail_sampling processor {}: a batch stopped reading as spans; the rest of it is lost", id, e);
        }
        arrival.doneReading();
      }
      enqueue(kept);
      pass = !downstreamRefusing && !pending.isEmpty();
    }
    if (pass) {
      passPending();
    }
    if (refuse) {
      throw new RetryableException(
          "tail_sampling processor " + id + " has no room for " + spans + " spans: sampled spans wait for the next component",
          REFUSAL_RETRY_AFTER,
          null);
    }
  }

  /**
   * Decides the oldest traces early until {@code spans} more fit under max_buffered_spans; false
   * when they still do not. Spans kept by those early decisions are passed on right after, so they
   * take no room, unless the next component has been refusing: then they would only wait in
   * memory too, and refusing the new data is the better bound. Holds the lock.
   */
  private boolean makeRoom(int spans, long bytes, SampledRequestBuilder kept, long now) {
    int bound = config.maxBufferedSpans();
    while (inMemory(spans, kept) > bound && !buffer.isEmpty()) {
      decide(buffer.removeOldest(), kept, now);
      metrics.decidedEarlyForSpanLimit();
    }
    // Bytes bound only the buffer: kept spans waiting downstream count in the span bound above.
    while (buffer.byteCount() + bytes > maxBufferedBytes && !buffer.isEmpty()) {
      decide(buffer.removeOldest(), kept, now);
      metrics.decidedEarlyForByteLimit();
    }
    return inMemory(spans, kept) <= bound;
  }

  private long inMemory(int arriving, SampledRequestBuilder kept) {
    return buffer.spanCount() + pendingSpans + arriving + (downstreamRefusing ? kept.spanCount() : 0);
  }

  /** Buffers one span, or lets it follow its trace's remembered verdict. Holds the lock. */
  private void route(BufferedSpan span, ByteString traceId, SampledRequestBuilder kept, long now) {
    BufferedTrace trace = buffer.get(traceId);
    if (trace == null) {
      SamplingVerdict verdict = decisionCache.lookup(traceId);
      if (verdict != null) {
        metrics.lateSpan(verdict);
        if (verdict.sampled() || config.dryRun()) {
          kept.add(span, verdict);
        }
        return;
      }
      if (buffer.traceCount() >= config.numTraces()) {
        decide(buffer.removeOldest(), kept, now);
        metrics.decidedEarlyForTraceLimit();
      }
      trace = buffer.open(traceId, now);
    }
    trace.add(span);
    buffer.spanAdded(span.length());
  }

  /**
   * Decides every trace whose first span arrived decision_wait ago or earlier, and passes kept ones
   * on. The ticker calls it; public so benchmarks can drive decisions on their own clock.
   */
  public void decideDue() {
    synchronized (lock) {
      long now = nowNanos();
      SampledRequestBuilder kept = new SampledRequestBuilder(marker);
      // One trace at a time, and kept spans leave in requests of a bounded size: a tick may
      // decide hundreds of thousands of spans, and their marked forms must not all live at once.
      for (BufferedTrace trace; (trace = buffer.removeOldestArrivedBy(now - decisionWaitNanos)) != null; ) {
        decide(trace, kept, now);
        if (kept.spanCount() >= KEPT_REQUEST_SPANS) {
          enqueue(kept);
          kept = new SampledRequestBuilder(marker);
        }
      }
      enqueue(kept);
    }
    // Also the retry of what the next component refused before.
    passPending();
  }

  private void tick() {
    try {
      decideDue();
    } catch (Throwable e) {
      // An exception would cancel the schedule, and with it every future decision.
      log.error("tail_sampling processor {}: deciding due traces failed", id, e);
    }
  }

  /** Holds the lock. */
  private void decide(BufferedTrace trace, SampledRequestBuilder kept, long now) {
    SamplingVerdict verdict = decider.decide(policies, trace);
    decisionCache.remember(trace.traceId(), verdict);
    metrics.traceDecided(verdict, Duration.ofNanos(Math.max(0, now - trace.firstArrivalNanos())));
    if (verdict.sampled() || config.dryRun()) {
      kept.add(trace, verdict);
    }
    trace.decided();
  }

  /** Holds the lock. */
  private void enqueue(SampledRequestBuilder kept) {
    for (SampledRequestBuilder.KeptRequest request : kept.build()) {
      // Written here, so without a lease of its own: the arrivals' leases go as their spans are decided.
      pending.addLast(
          Batch.ofWire(Signal.TRACES, request.request(), request.spans(), Lease.NONE).from(request.tenant()));
      pendingSpans += request.spans();
    }
  }

  /**
   * Passes kept spans on in order; a retryable refusal puts the request back first in line and
   * leaves the rest for the next tick. True when nothing is left.
   */
  private boolean passPending() {
    while (true) {
      Batch<ExportTraceServiceRequest> batch;
      synchronized (lock) {
        batch = pending.pollFirst();
        if (batch == null) {
          return true;
        }
      }
      int spans = batch.items();
      try {
        next.consume(batch);
        synchronized (lock) {
          pendingSpans -= spans;
          downstreamRefusing = false;
        }
      } catch (RetryableException e) {
        // Refused, so still this processor's: first in line for the next try.
        synchronized (lock) {
          pending.addFirst(batch);
          downstreamRefusing = true;
        }
        log.debug("tail_sampling processor {}: next component refused, keeping {} spans: {}", id, spans, e.getMessage());
        return false;
      } catch (PermanentException e) {
        synchronized (lock) {
          pendingSpans -= spans;
        }
        batch.release();
        metrics.dropped(spans);
        log.error("tail_sampling processor {} dropped {} sampled spans: {}", id, spans, e.getMessage());
      }
    }
  }

  @Override
  public Class<TailSamplingConfig> configType() {
    return TailSamplingConfig.class;
  }

  @Override
  public List<String> reconfigure(TailSamplingConfig newConfig) {
    reload(newConfig);
    List<String> lines = new ArrayList<>();
    lines.add("processors." + id + ": policies " + policyNames() + "; traces already buffered are decided by them");
    if (!sameExceptPolicies(newConfig)) {
      lines.add("processors." + id + ": keys other than policies changed; they take effect on restart");
    }
    return lines;
  }

  /**
   * Replaces the policies; traces still waiting are decided by the new ones. Only the policies
   * change: the other keys size structures built at start and need a restart.
   */
  public void reload(TailSamplingConfig newConfig) {
    List<Policy> rebuilt = List.copyOf(policyBuilder.build(newConfig.policies()));
    synchronized (lock) {
      policies = rebuilt;
    }
    if (!sameExceptPolicies(newConfig)) {
      log.warn("tail_sampling processor {}: reloaded the policies; other changed keys take effect on restart", id);
    }
    log.info("tail_sampling processor {}: reloaded {} policies", id, rebuilt.size());
  }

  private boolean sameExceptPolicies(TailSamplingConfig other) {
    return config.decisionWait().equals(other.decisionWait())
        && config.numTraces().equals(other.numTraces())
        && config.decisionCache().equals(other.decisionCache())
        && config.maxBufferedSpans().equals(other.maxBufferedSpans())
        && Objects.equals(config.maxBufferedBytes(), other.maxBufferedBytes())
        && config.tracestateThreshold().equals(other.tracestateThreshold())
        && config.policyAttribute().equals(other.policyAttribute())
        && Objects.equals(config.peers(), other.peers())
        && config.dryRun().equals(other.dryRun());
  }

  /** The names of the current policies, in config order. */
  public List<String> policyNames() {
    synchronized (lock) {
      return policies.stream().map(Policy::name).toList();
    }
  }

  /**
   * Drains the forwards to peers, then decides every waiting trace now and passes kept ones on,
   * retrying refusals until the drain deadline; what is still refused then is dropped and counted.
   */
  @Override
  public void shutdown() {
    if (peers != null) {
      // First, while this buffer still takes spans: forwards to peers that no longer answer end up here.
      peers.shutdown();
    }
    synchronized (lock) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    if (ticker != null) {
      ticker.shutdown();
      awaitTicker();
    }
    synchronized (lock) {
      long now = nowNanos();
      SampledRequestBuilder kept = new SampledRequestBuilder(marker);
      for (BufferedTrace trace : buffer.removeAll()) {
        decide(trace, kept, now);
      }
      enqueue(kept);
    }
    long deadline = shutdownDeadline.nanos();
    while (!passPending()) {
      if (System.nanoTime() >= deadline || !pauseBeforeRetry()) {
        break;
      }
    }
    synchronized (lock) {
      if (pendingSpans > 0) {
        metrics.dropped((int) pendingSpans);
        log.error(
            "tail_sampling processor {} dropped {} sampled spans at shutdown: the next component refused them until the drain deadline",
            id, pendingSpans);
        pending.forEach(Batch::release);
        pending.clear();
        pendingSpans = 0;
      }
    }
  }

  /** Lets a decision round in progress finish, so the final one sees everything. */
  private void awaitTicker() {
    try {
      if (!ticker.awaitTermination(shutdownDeadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn("tail_sampling processor {}: a decision round did not finish before the drain deadline", id);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean pauseBeforeRetry() {
    try {
      Thread.sleep(100);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private int tracesInMemory() {
    synchronized (lock) {
      return buffer.traceCount();
    }
  }

  private long bytesInMemory() {
    synchronized (lock) {
      return buffer.byteCount();
    }
  }

  private long spansInMemory() {
    synchronized (lock) {
      return buffer.spanCount() + pendingSpans;
    }
  }

  @Override
  public String toString() {
    return "processor " + id;
  }
}
