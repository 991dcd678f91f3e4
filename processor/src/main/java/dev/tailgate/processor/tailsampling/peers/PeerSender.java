package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.exporterhelper.Sender;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;

/**
 * The push of spans to their owner, under the exporter helper's queue and retries. Each outcome
 * tells the membership whether the peer answers. Spans queued for a peer that has left the ring
 * (unhealthy, or gone from discovery) are buffered here instead of waiting for it: they are
 * decided, if apart from the rest of their trace, rather than lost when the retries run out.
 */
final class PeerSender implements Sender<ExportTraceServiceRequest> {
  /**
   * Takes spans this replica forwarded, forward marks and all, into its own buffer. The batch stays
   * the helper's (a sender never releases): the buffer gets a reference of its own.
   */
  @FunctionalInterface
  interface LocalFallback {
    void keep(Endpoint peer, Batch<ExportTraceServiceRequest> forwarded);
  }

  private final Endpoint peer;
  private final PeerClient client;
  private final PeerMembership membership;
  private final LocalFallback fallback;
  private final PeerMetrics metrics;

  PeerSender(
      Endpoint peer,
      PeerClient client,
      PeerMembership membership,
      LocalFallback fallback,
      PeerMetrics metrics) {
    this.peer = peer;
    this.client = client;
    this.membership = membership;
    this.fallback = fallback;
    this.metrics = metrics;
  }

  @Override
  public void send(Batch<ExportTraceServiceRequest> batch, Duration timeout) {
    if (!membership.inRing(peer)) {
      fallback.keep(peer, batch);
      return;
    }
    // Forwards are built by the router and queued in memory as they are: this reads, not parses.
    ExportOutcome outcome = client.export(batch.request(), timeout);
    if (outcome.answered()) {
      membership.answered(peer);
    } else {
      membership.unanswered(peer);
    }
    if (outcome.accepted()) {
      metrics.forwarded(peer, batch.items());
      return;
    }
    if (outcome.error().retryable() && !membership.inRing(peer)) {
      // This very failure may have been the one that took the peer out: no need to wait for a
      // retry.
      fallback.keep(peer, batch);
      return;
    }
    throw outcome.error();
  }
}
