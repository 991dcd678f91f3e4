package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.Supplier;

/** The peers' self-metrics, all tagged {@code processor=<id>}. */
final class PeerMetrics {
  private static final String PREFIX = "tailgate.processor.tail_sampling.peers";

  private final MeterRegistry meters;
  private final Tags tags;

  PeerMetrics(MeterRegistry meters, String processorId) {
    this.meters = meters;
    this.tags = Tags.of("processor", processorId);
  }

  /** Peers known, this replica included, by state; read through the suppliers. */
  void gauges(Supplier<Number> healthy, Supplier<Number> unhealthy) {
    gauge("healthy", healthy);
    gauge("unhealthy", unhealthy);
  }

  private void gauge(String state, Supplier<Number> value) {
    Gauge.builder(PREFIX, value)
        .description(
            "Peers known to tail_sampling, this replica included; the healthy ones own traces")
        .tags(tags.and("state", state))
        .strongReference(true)
        .register(meters);
  }

  void forwarded(Endpoint peer, int spans) {
    counter(".forwarded.spans", "peer", peer.toString()).increment(spans);
  }

  void received(String peer, int spans) {
    counter(".received.spans", "peer", peer).increment(spans);
  }

  /** Spans queued for a peer that left the ring, buffered here instead. */
  void keptLocally(Endpoint peer, int spans) {
    counter(".kept_locally.spans", "peer", peer.toString()).increment(spans);
  }

  /** The ring changed: a peer was discovered or lost ({@code discovery}), or its health changed. */
  void membershipChanged(String reason) {
    counter(".membership_changes", "reason", reason).increment();
  }

  private Counter counter(String suffix, String tag, String value) {
    return meters.counter(PREFIX + suffix, tags.and(tag, value));
  }
}
