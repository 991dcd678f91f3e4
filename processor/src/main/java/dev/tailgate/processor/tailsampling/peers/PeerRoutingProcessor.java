package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.processor.tailsampling.TailSamplingConfig;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * {@code tail_sampling} with {@code peers}: sends each span to the replica that owns its trace
 * through a {@link PeerRouter}, and hands the spans this replica owns, or that a peer forwarded
 * here, to the local processor it decorates. Everything else (policies, reloads, decisions) is the
 * local processor's; this adds the ring, so the status page and the reload task see one processor.
 */
public final class PeerRoutingProcessor implements TailSamplingProcessor {
  private final TailSamplingProcessor local;
  private final PeerRouter router;

  /** {@code router} must hand its local spans to {@code local}. */
  PeerRoutingProcessor(TailSamplingProcessor local, PeerRouter router) {
    this.local = local;
    this.router = router;
  }

  /**
   * Routes in front of {@code local} by {@code config}: static or DNS discovery, OTLP/gRPC to the
   * peers.
   */
  public static PeerRoutingProcessor wrap(
      ComponentSettings settings, PeersConfig config, TailSamplingProcessor local) {
    return new PeerRoutingProcessor(local, PeerRouter.create(settings, config, local));
  }

  @Override
  public void consume(Batch<ExportTraceServiceRequest> batch) {
    router.route(batch);
  }

  @Override
  public List<PeerState> peers() {
    return router.peers();
  }

  /** The local processor first, so that spans the router hands it are decided on time. */
  @Override
  public void start() {
    local.start();
    router.start();
  }

  /**
   * The router first, while the local buffer still takes spans: forwards to peers that no longer
   * answer end up there, and are then decided with the rest.
   */
  @Override
  public void shutdown() {
    router.shutdown();
    local.shutdown();
  }

  @Override
  public String id() {
    return local.id();
  }

  @Override
  public Class<TailSamplingConfig> configType() {
    return local.configType();
  }

  @Override
  public List<String> reconfigure(TailSamplingConfig config) {
    return local.reconfigure(config);
  }

  @Override
  public List<String> policyNames() {
    return local.policyNames();
  }

  @Override
  public void decideDue() {
    local.decideDue();
  }

  @Override
  public String toString() {
    return local.toString();
  }
}
