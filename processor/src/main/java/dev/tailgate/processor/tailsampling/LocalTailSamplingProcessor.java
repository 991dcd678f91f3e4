package dev.tailgate.processor.tailsampling;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.processor.common.PendingDownstream;
import dev.tailgate.processor.tailsampling.peers.PeerState;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tail sampling of the traces this replica holds: spans wait in a {@link TraceBuffer}, taken in by
 * {@link SpanIntake} within the memory bounds; a {@link DecisionTicker} runs {@link TraceDecisions}
 * rounds; kept spans wait in a {@link PendingDownstream} until the next component takes them,
 * retried every round while it refuses.
 *
 * <p><b>Ownership.</b> The buffer regroups spans across batches without parsing them: each span
 * waits as a slice of the bytes it arrived in ({@link IncomingSpans}), and the incoming batch, with
 * its memory lease, is held until the last of its buffered spans is decided ({@link Arrival}); a
 * refused batch stays the caller's. Kept spans leave as new batches written here from those slices;
 * one the next component refuses for good is released and dropped.
 */
public final class LocalTailSamplingProcessor implements TailSamplingProcessor {
  private static final Logger log = LoggerFactory.getLogger(LocalTailSamplingProcessor.class);
  private final String id;
  private final ShutdownDeadline shutdownDeadline;
  private final SamplingPolicies policies;
  private final PendingDownstream<ExportTraceServiceRequest> downstream;
  private final TraceDecisions decisions;
  private final SpanIntake intake;
  private final DecisionTicker ticker;
  private final boolean dropPendingOnShutdown;

  LocalTailSamplingProcessor(
      ComponentSettings settings,
      TailSamplingConfig config,
      Consumer<ExportTraceServiceRequest> next,
      PolicyBuilder policyBuilder) {
    this.id = settings.id().toString();
    this.shutdownDeadline = settings.shutdown();
    this.policies = new SamplingPolicies(id, config, policyBuilder);
    TailSamplingMetrics metrics = new TailSamplingMetrics(settings.meters(), id);
    this.downstream =
        new PendingDownstream<>(
            "tail_sampling processor " + id,
            "sampled spans",
            next,
            UnaryOperator.identity(),
            spans -> {},
            metrics::dropped);
    TraceBuffer buffer = new TraceBuffer(config.expectedWaitingTraces());
    this.decisions =
        new TraceDecisions(config, buffer, policies, metrics, downstream, settings.clock());
    this.intake =
        new SpanIntake(
            id,
            config,
            config.maxBufferedBytes(settings.memory().limit()),
            buffer,
            decisions,
            downstream,
            metrics);
    this.ticker = new DecisionTicker(id, config.decisionWait(), decisions::decideDue);
    this.dropPendingOnShutdown = config.dropPendingTracesOnShutdown();
    registerGauges(metrics, buffer, downstream);
  }

  private static void registerGauges(
      TailSamplingMetrics metrics,
      TraceBuffer buffer,
      PendingDownstream<ExportTraceServiceRequest> downstream) {
    metrics.gauges(
        () -> {
          synchronized (buffer) {
            return buffer.traceCount();
          }
        },
        () -> {
          synchronized (buffer) {
            return buffer.spanCount() + downstream.heldItems();
          }
        },
        () -> {
          synchronized (buffer) {
            return buffer.byteCount();
          }
        });
  }

  /** Without {@code peers} there is no ring: this replica decides everything it receives. */
  @Override
  public List<PeerState> peers() {
    return List.of();
  }

  /**
   * The component id ({@code tail_sampling} or {@code tail_sampling/name}), for the reload task.
   */
  @Override
  public String id() {
    return id;
  }

  @Override
  public void start() {
    ticker.start();
  }

  @Override
  public void consume(Batch<ExportTraceServiceRequest> batch) {
    intake.take(batch);
  }

  @Override
  public void decideDue() {
    decisions.decideDue();
  }

  @Override
  public Class<TailSamplingConfig> configType() {
    return TailSamplingConfig.class;
  }

  @Override
  public List<String> reconfigure(TailSamplingConfig newConfig) {
    return policies.reconfigure(newConfig);
  }

  @Override
  public List<String> policyNames() {
    return policies.names();
  }

  /**
   * Decides every waiting trace now (or, with drop_pending_traces_on_shutdown, drops them
   * undecided) and passes kept ones on, retrying refusals until the drain deadline; what is still
   * refused then is dropped and counted.
   */
  @Override
  public void shutdown() {
    if (!intake.close()) {
      return;
    }
    ticker.stop(shutdownDeadline);
    if (dropPendingOnShutdown) {
      int dropped = decisions.dropAll();
      log.info(
          "tail_sampling processor {}: dropped {} undecided traces at shutdown"
              + " (drop_pending_traces_on_shutdown)",
          id,
          dropped);
    } else {
      decisions.decideAll();
    }
    downstream.drain(shutdownDeadline);
  }

  @Override
  public String toString() {
    return "processor " + id;
  }
}
