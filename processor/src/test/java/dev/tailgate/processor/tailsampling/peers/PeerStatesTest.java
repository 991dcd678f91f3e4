package dev.tailgate.processor.tailsampling.peers;

import static dev.tailgate.processor.tailsampling.peers.PeerTraces.ownedBy;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.request;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the router tells the status page about its peers: the ring, who is self, health, last heard.
 */
class PeerStatesTest {
  static final Endpoint SELF = Endpoint.parse("10.0.0.1:4317");
  static final Endpoint B = Endpoint.parse("10.0.0.2:4317");
  static final Endpoint C = Endpoint.parse("10.0.0.3:4317");
  static final Duration UNHEALTHY_AFTER = Duration.ofSeconds(10);
  static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final ManualClock clock = new ManualClock(START);
  final Map<Endpoint, FakePeerClient> clients = new ConcurrentHashMap<>();
  PeerRouter router;

  PeerRouter router(Endpoint... members) {
    List<Endpoint> list = List.of(members);
    PeersConfig config =
        new PeersConfig(
            SELF,
            list,
            null,
            UNHEALTHY_AFTER,
            PROBE_INTERVAL,
            Duration.ofSeconds(1),
            new QueueConfig(false, null, null),
            new RetryConfig(false, null, null, null, null, null));
    router =
        new PeerRouter(
            TestSettings.of("tail_sampling/test", new SimpleMeterRegistry(), clock),
            config,
            new StaticPeerDiscovery(list),
            peer -> clients.computeIfAbsent(peer, FakePeerClient::new),
            clock::advance,
            HostResolver.SYSTEM,
            new SinkConsumer<ExportTraceServiceRequest>(Signal.TRACES));
    router.refreshMembership();
    return router;
  }

  @AfterEach
  void stop() {
    if (router != null) {
      router.shutdown();
    }
  }

  @Test
  void listsThisReplicaFirstThenTheOtherPeersInAddressOrderAllHealthyAndUnheardAtFirst() {
    router(C, SELF, B);

    assertThat(router.peers())
        .containsExactly(
            new PeerState("10.0.0.1:4317", true, true, true, Optional.empty()),
            new PeerState("10.0.0.2:4317", false, true, true, Optional.empty()),
            new PeerState("10.0.0.3:4317", false, true, true, Optional.empty()));
  }

  @Test
  void aReplicaWithoutOtherPeersListsOnlyItself() {
    router(SELF);

    assertThat(router.peers())
        .containsExactly(new PeerState("10.0.0.1:4317", true, true, true, Optional.empty()));
  }

  @Test
  void aPeerThatAnsweredAProbeOrAForwardIsHeardAtThatTime() {
    router(SELF, B, C);
    clock.advance(PROBE_INTERVAL);
    router.probe();
    Instant probedAt = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    router.route(Batches.of(request(span(ownedBy(PeerRing.of(SELF, List.of(B, C)), B, 0), "b1"))));

    assertThat(router.peers())
        .extracting(PeerState::address, PeerState::lastHeard)
        .containsExactly(
            tuple("10.0.0.1:4317", Optional.empty()),
            tuple("10.0.0.2:4317", Optional.of(probedAt.plusSeconds(1))),
            tuple("10.0.0.3:4317", Optional.of(probedAt)));
  }

  @Test
  void aPeerSilentForUnhealthyAfterIsListedUnhealthyAndOutOfTheRingWithItsLastAnswer() {
    router(SELF, B, C);
    clock.advance(PROBE_INTERVAL);
    router.probe();
    Instant lastAnswer = clock.instant();

    clients.get(B).down = true;
    clock.advance(UNHEALTHY_AFTER);
    router.probe();

    assertThat(router.peers())
        .containsExactly(
            new PeerState("10.0.0.1:4317", true, true, true, Optional.empty()),
            new PeerState("10.0.0.2:4317", false, false, false, Optional.of(lastAnswer)),
            new PeerState("10.0.0.3:4317", false, true, true, Optional.of(clock.instant())));

    clients.get(B).down = false;
    clock.advance(PROBE_INTERVAL);
    router.probe();

    assertThat(router.peers().get(1))
        .isEqualTo(new PeerState("10.0.0.2:4317", false, true, true, Optional.of(clock.instant())));
  }
}
