package dev.tailgate.processor.tailsampling.peers;

import static dev.tailgate.processor.tailsampling.peers.PeerTraces.ownedBy;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.request;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.span;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.spanNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestBatches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router with fake peers and a manual clock. The sending queue is off, so a forward is sent on
 * the caller's thread when the request is taken, and retries are off, so a failed send is seen at
 * once: what is left is the router's own logic.
 */
class PeerRouterTest {
  static final Endpoint SELF = Endpoint.parse("10.0.0.1:4317");
  static final Endpoint B = Endpoint.parse("10.0.0.2:4317");
  static final Endpoint C = Endpoint.parse("10.0.0.3:4317");

  /** A connection from B's address, as B's forwards come. */
  static final Origin FROM_B = Origin.of(new InetSocketAddress("10.0.0.2", 43170), null);

  static final Duration UNHEALTHY_AFTER = Duration.ofSeconds(10);
  static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

  final ManualClock clock = new ManualClock();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final SinkConsumer<ExportTraceServiceRequest> buffered = new SinkConsumer<>(Signal.TRACES);
  final Map<Endpoint, FakePeerClient> peers = new ConcurrentHashMap<>();
  PeerRouter router;

  PeersConfig config(List<Endpoint> staticPeers, DnsPeersConfig dns) {
    return new PeersConfig(
        SELF,
        staticPeers,
        dns,
        UNHEALTHY_AFTER,
        PROBE_INTERVAL,
        Duration.ofSeconds(1),
        new QueueConfig(false, null, null),
        new RetryConfig(false, null, null, null, null, null));
  }

  PeerRouter router(
      PeerDiscovery discovery, PeersConfig config, Consumer<ExportTraceServiceRequest> local) {
    router =
        new PeerRouter(
            TestSettings.of("tail_sampling/test", meters, clock),
            config,
            discovery,
            peer -> peers.computeIfAbsent(peer, FakePeerClient::new),
            clock::advance,
            HostResolver.SYSTEM,
            local);
    return router;
  }

  PeerRouter staticRouter(Endpoint... members) {
    List<Endpoint> list = List.of(members);
    PeerRouter started = router(new StaticPeerDiscovery(list), config(list, null), buffered);
    started.refreshMembership();
    return started;
  }

  @AfterEach
  void stop() {
    if (router != null) {
      router.shutdown();
    }
  }

  double counter(String name, String... tags) {
    var counter = meters.find("tailgate.processor.tail_sampling.peers" + name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  double peersGauge(String state) {
    return meters
        .get("tailgate.processor.tail_sampling.peers")
        .tags("processor", "tail_sampling/test", "state", state)
        .gauge()
        .value();
  }

  PeerRing ring(Endpoint... others) {
    return PeerRing.of(SELF, List.of(others));
  }

  /** A trace that B owns among all three, and this replica once B is gone. */
  ByteString ownedByBThenSelfWithoutB() {
    for (int n = 0; ; n++) {
      ByteString id = ownedBy(ring(B, C), B, n);
      if (ring(C).ownerOf(id).equals(SELF)) {
        return id;
      }
    }
  }

  @Test
  void buffersItsOwnSpansAndForwardsEachOtherSpanToItsTracesOwner() {
    PeerRouter router = staticRouter(SELF, B, C);
    PeerRing ring = ring(B, C);
    ByteString mine = ownedBy(ring, SELF, 0);
    ByteString bs = ownedBy(ring, B, 0);
    ByteString cs = ownedBy(ring, C, 0);

    router.route(
        Batches.of(request(span(mine, "m1"), span(bs, "b1"), span(cs, "c1"), span(bs, "b2"))));

    assertThat(spanNames(buffered.batches())).containsExactly("m1");
    assertThat(spanNames(peers.get(B).received)).containsExactly("b1", "b2");
    assertThat(spanNames(peers.get(C).received)).containsExactly("c1");
    assertThat(
            ForwardMark.forwardedBy(peers.get(B).received.get(0).getResourceSpans(0).getResource()))
        .isEqualTo("10.0.0.1:4317");
    assertThat(counter(".forwarded.spans", "peer", "10.0.0.2:4317")).isEqualTo(2);
    assertThat(counter(".forwarded.spans", "peer", "10.0.0.3:4317")).isEqualTo(1);
  }

  @Test
  void neverForwardsSpansAPeerForwardedHereAndCountsThemAsReceived() {
    PeerRouter router = staticRouter(SELF, B, C);
    ByteString cs = ownedBy(ring(B, C), C, 0);
    var fromB =
        request(new ForwardMark("10.0.0.2:4317").mark(TestBatches.resource("svc")), span(cs, "c1"));

    router.route(Batches.of(fromB).arrivedOn(FROM_B));

    assertThat(spanNames(buffered.batches())).containsExactly("c1");
    assertThat(ForwardMark.forwardedBy(buffered.batches().get(0).getResourceSpans(0).getResource()))
        .isNull();
    assertThat(peers.get(C).received).isEmpty();
    assertThat(counter(".received.spans", "peer", "10.0.0.2:4317")).isEqualTo(1);
  }

  @Test
  void aClientsCopyOfARealPeersMarkIsStrippedAndItsSpansGoToTheirOwner() {
    PeerRouter router = staticRouter(SELF, B, C);
    ByteString cs = ownedBy(ring(B, C), C, 0);
    var forged =
        request(new ForwardMark("10.0.0.2:4317").mark(TestBatches.resource("svc")), span(cs, "c1"));

    router.route(
        Batches.of(forged).arrivedOn(Origin.of(new InetSocketAddress("10.9.0.1", 5), null)));
    router.route(Batches.of(forged));

    assertThat(buffered.batches()).isEmpty();
    assertThat(spanNames(peers.get(C).received)).containsExactly("c1", "c1");
    assertThat(peers.get(C).received)
        .extracting(r -> ForwardMark.forwardedBy(r.getResourceSpans(0).getResource()))
        .as("only this replica's own mark travels on")
        .containsOnly("10.0.0.1:4317");
    assertThat(counter(".received.spans", "peer", "10.0.0.2:4317")).isZero();
  }

  @Test
  void aRefusalOfTheLocalPartForwardsNothingSoTheClientsRetryDuplicatesNothing() {
    List<Endpoint> members = List.of(SELF, B);
    PeerRouter router =
        router(
            new StaticPeerDiscovery(members),
            config(members, null),
            batch -> {
              throw new RetryableException("buffer full");
            });
    router.refreshMembership();
    PeerRing ring = ring(B);

    assertThatThrownBy(
            () ->
                router.route(
                    Batches.of(
                        request(
                            span(ownedBy(ring, SELF, 0), "m1"), span(ownedBy(ring, B, 0), "b1")))))
        .isInstanceOf(RetryableException.class);
    assertThat(peers.get(B).received).isEmpty();
  }

  @Test
  void releasesARoutedBatchOnceItsLocalPartAndEveryForwardAreTaken() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    PeerRouter router = staticRouter(SELF, B, C);
    PeerRing ring = ring(B, C);
    var mixed =
        request(
            span(ownedBy(ring, SELF, 0), "m1"),
            span(ownedBy(ring, B, 0), "b1"),
            span(ownedBy(ring, C, 0), "c1"));

    router.route(Batches.wire(Signal.TRACES, mixed, budget.tryReserve(100)));

    assertThat(spanNames(buffered.batches())).containsExactly("m1");
    assertThat(spanNames(peers.get(B).received)).containsExactly("b1");
    assertThat(budget.used()).isZero();
  }

  @Test
  void passesAWhollyLocalBatchToTheBufferAsItIs() {
    PeerRouter router = staticRouter(SELF, B);
    var mine =
        Batches.wire(Signal.TRACES, request(span(ownedBy(ring(B), SELF, 0), "m1")), Lease.NONE);

    router.route(mine);

    assertThat(buffered.wires()).singleElement().isSameAs(mine.wire());
  }

  @Test
  void aRefusedRouteLeavesTheBatchToTheCaller() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    List<Endpoint> members = List.of(SELF, B);
    PeerRouter router =
        router(
            new StaticPeerDiscovery(members),
            config(members, null),
            batch -> {
              throw new RetryableException("buffer full");
            });
    router.refreshMembership();
    PeerRing ring = ring(B);
    var refused =
        Batches.wire(
            Signal.TRACES,
            request(span(ownedBy(ring, SELF, 0), "m1"), span(ownedBy(ring, B, 0), "b1")),
            budget.tryReserve(100));

    assertThatThrownBy(() -> router.route(refused)).isInstanceOf(RetryableException.class);

    assertThat(budget.used()).isEqualTo(100);
    refused.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aFailedForwardLeavesTheBatchToTheCaller() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    PeerRouter router = staticRouter(SELF, B);
    peers.get(B).down = true;
    var refused =
        Batches.wire(
            Signal.TRACES, request(span(ownedBy(ring(B), B, 0), "b1")), budget.tryReserve(100));

    assertThatThrownBy(() -> router.route(refused)).isInstanceOf(RetryableException.class);

    assertThat(budget.used()).isEqualTo(100);
    refused.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aPeerSilentForUnhealthyAfterLeavesTheRingAndItsTracesAreBufferedHereUntilItAnswersAgain() {
    PeerRouter router = staticRouter(SELF, B, C);
    ByteString bs = ownedByBThenSelfWithoutB();
    assertThat(peersGauge("healthy")).isEqualTo(3);

    peers.get(B).down = true;
    clock.advance(PROBE_INTERVAL);
    router.probe();
    assertThat(router.owners()).as("still within unhealthy_after").containsExactly(SELF, B, C);

    clock.advance(UNHEALTHY_AFTER);
    router.probe();

    assertThat(router.owners()).containsExactly(SELF, C);
    assertThat(peersGauge("healthy")).isEqualTo(2);
    assertThat(peersGauge("unhealthy")).isEqualTo(1);
    assertThat(counter(".membership_changes", "reason", "unhealthy")).isEqualTo(1);
    router.route(Batches.of(request(span(bs, "b1"))));
    assertThat(peers.get(B).received).isEmpty();
    assertThat(spanNames(buffered.batches())).containsExactly("b1");

    peers.get(B).down = false;
    clock.advance(PROBE_INTERVAL);
    router.probe();

    assertThat(router.owners()).containsExactly(SELF, B, C);
    assertThat(counter(".membership_changes", "reason", "recovered")).isEqualTo(1);
    router.route(Batches.of(request(span(bs, "b2"))));
    assertThat(spanNames(peers.get(B).received)).containsExactly("b2");
  }

  @Test
  void aForwardThatFindsItsPeerGoneForGoodIsBufferedHereInsteadOfFailing() {
    PeerRouter router = staticRouter(SELF, B);
    ByteString bs = ownedBy(ring(B), B, 0);
    peers.get(B).down = true;
    clock.advance(UNHEALTHY_AFTER);

    // This very failure is the one that makes B unhealthy.
    router.route(Batches.of(request(span(bs, "b1"))));

    assertThat(router.owners()).containsExactly(SELF);
    assertThat(spanNames(buffered.batches())).containsExactly("b1");
    assertThat(ForwardMark.forwardedBy(buffered.batches().get(0).getResourceSpans(0).getResource()))
        .isNull();
    assertThat(counter(".kept_locally.spans", "peer", "10.0.0.2:4317")).isEqualTo(1);
  }

  @Test
  void aForwardBufferedHereAfterAllIsReleasedOnceByEachHolder() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    PeerRouter router = staticRouter(SELF, B);
    ByteString bs = ownedBy(ring(B), B, 0);
    peers.get(B).down = true;
    clock.advance(UNHEALTHY_AFTER);

    router.route(Batches.wire(Signal.TRACES, request(span(bs, "b1")), budget.tryReserve(100)));

    assertThat(spanNames(buffered.batches())).containsExactly("b1");
    assertThat(budget.used()).isZero();
  }

  @Test
  void aFailedForwardWithinTheGraceIsRefusedForTheClientToRetry() {
    PeerRouter router = staticRouter(SELF, B);
    peers.get(B).down = true;

    assertThatThrownBy(() -> router.route(Batches.of(request(span(ownedBy(ring(B), B, 0), "b1")))))
        .isInstanceOf(RetryableException.class);
    assertThat(router.owners()).containsExactly(SELF, B);
  }

  @Test
  void probesOnlyPeersNotHeardFromForAProbeInterval() {
    PeerRouter router = staticRouter(SELF, B, C);
    clock.advance(PROBE_INTERVAL.minusMillis(1));
    router.route(Batches.of(request(span(ownedBy(ring(B, C), B, 0), "b1"))));
    clock.advance(Duration.ofMillis(1));

    router.probe();

    assertThat(peers.get(B).probes).isZero();
    assertThat(peers.get(C).probes).isEqualTo(1);
  }

  @Test
  void followsTheDnsRecordsAsTheyChange() {
    Map<String, List<String>> records =
        new ConcurrentHashMap<>(Map.of("peers.local", List.of("10.0.0.1", "10.0.0.2")));
    HostResolver resolver =
        host -> {
          List<String> ips = records.get(host);
          if (ips == null) {
            throw new UnknownHostException(host);
          }
          InetAddress[] addresses = new InetAddress[ips.size()];
          for (int i = 0; i < ips.size(); i++) {
            addresses[i] = InetAddress.getByName(ips.get(i)); // literals: no lookup
          }
          return addresses;
        };
    DnsPeersConfig dns = new DnsPeersConfig("peers.local", 4317, Duration.ofSeconds(5));
    PeerRouter router = router(new DnsPeerDiscovery(dns, resolver), config(null, dns), buffered);

    router.refreshMembership();
    assertThat(router.owners()).containsExactly(SELF, B);
    assertThat(peers.get(B).started).isTrue();

    records.put("peers.local", List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
    router.refreshMembership();
    assertThat(router.owners()).containsExactly(SELF, B, C);

    records.put("peers.local", List.of("10.0.0.3"));
    router.refreshMembership();
    assertThat(router.owners())
        .as("self owns traces even when DNS does not list it yet")
        .containsExactly(SELF, C);
    assertThat(peers.get(B).shutDown).isTrue();

    records.remove("peers.local");
    router.refreshMembership();
    assertThat(router.owners()).as("a failed lookup keeps the last peers").containsExactly(SELF, C);

    assertThat(counter(".membership_changes", "reason", "discovery")).isEqualTo(3);
    assertThat(peersGauge("healthy")).isEqualTo(2);
    assertThat(peersGauge("unhealthy")).isZero();
  }

  @Test
  void hashesDnsAndConfiguredAddressesAlikeWhateverTheirSpelling() {
    Endpoint selfV6 = Endpoint.parse("[fd00::1]:4317");
    DnsPeersConfig dns = new DnsPeersConfig("peers.local", 4317, Duration.ofSeconds(5));
    HostResolver resolver =
        host ->
            new InetAddress[] {
              InetAddress.getByName("fd00:0:0:0:0:0:0:1"),
              InetAddress.getByName("fd00:0:0:0:0:0:0:2")
            };
    PeersConfig config =
        new PeersConfig(
            Endpoint.parse("[FD00:0::1]:4317"),
            null,
            dns,
            null,
            null,
            null,
            new QueueConfig(false, null, null),
            null);
    PeerRouter router = router(new DnsPeerDiscovery(dns, resolver), config, buffered);

    router.refreshMembership();

    assertThat(router.owners()).containsExactly(selfV6, Endpoint.parse("[fd00::2]:4317"));
  }

  @Test
  void startLooksUpThePeersAndShutdownClosesTheWaysToThem() {
    List<Endpoint> members = List.of(SELF, B, C);
    PeerRouter router = router(new StaticPeerDiscovery(members), config(members, null), buffered);

    router.start();
    assertThat(router.owners()).containsExactly(SELF, B, C);
    router.shutdown();

    assertThat(peers.values()).allSatisfy(peer -> assertThat(peer.shutDown).isTrue());
  }
}
