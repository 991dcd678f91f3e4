package dev.tailgate.processor.tailsampling.peers;

import static dev.tailgate.processor.tailsampling.peers.PeerTraces.ownedBy;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.request;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.span;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.spanNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import dev.tailgate.processor.tailsampling.TailSamplingConfig;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerRoutingProcessorTest {
  static final Endpoint SELF = Endpoint.parse("10.0.0.1:4317");
  static final Endpoint B = Endpoint.parse("10.0.0.2:4317");

  final ManualClock clock = new ManualClock();
  final Map<Endpoint, FakePeerClient> peers = new ConcurrentHashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final LocalProcessor local = new LocalProcessor();
  final PeerRoutingProcessor processor = routing(List.of(SELF, B));

  PeerRoutingProcessor routing(List<Endpoint> members) {
    var config =
        new PeersConfig(
            SELF,
            members,
            null,
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            new QueueConfig(false, null, null),
            new RetryConfig(false, null, null, null, null, null));
    var router =
        new PeerRouter(
            TestSettings.of("tail_sampling/test", new SimpleMeterRegistry(), clock),
            config,
            new StaticPeerDiscovery(members),
            peer -> peers.computeIfAbsent(peer, FakePeerClient::new),
            clock::advance,
            HostResolver.SYSTEM,
            local);
    return new PeerRoutingProcessor(local, router);
  }

  @AfterEach
  void stop() {
    processor.shutdown();
  }

  @Test
  void handsTheSpansThisReplicaOwnsToTheLocalProcessorAndForwardsTheOthers() {
    processor.start();
    var ring = PeerRing.of(SELF, List.of(B));
    ByteString mine = ownedBy(ring, SELF, 0);
    ByteString bs = ownedBy(ring, B, 0);

    processor.consume(Batches.of(request(span(mine, "m1"), span(bs, "b1"))));

    assertThat(spanNames(local.sink.batches())).containsExactly("m1");
    assertThat(spanNames(peers.get(B).received)).containsExactly("b1");
  }

  @Test
  void startsTheLocalProcessorBeforeTheRouterAndStopsItAfter() {
    processor.start();
    processor.shutdown();

    assertThat(events)
        .containsExactly("local started, peers unknown", "local stopped, peers drained");
  }

  @Test
  void showsTheRingWithThisReplicaFirstAndTheLocalProcessorsIdAndPolicies() {
    processor.start();

    assertThat(processor.peers())
        .extracting(PeerState::address)
        .containsExactly(SELF.toString(), B.toString());
    assertThat(processor.id()).isEqualTo("tail_sampling/test");
    assertThat(processor.policyNames()).containsExactly("local policy");
    assertThat(processor.reconfigure(null)).containsExactly("reconfigured locally");
    assertThat(processor.configType()).isEqualTo(TailSamplingConfig.class);
  }

  /** Stands for the local processor: buffers into a sink and says when it starts and stops. */
  final class LocalProcessor implements TailSamplingProcessor {
    final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

    @Override
    public void consume(Batch<ExportTraceServiceRequest> batch) {
      sink.consume(batch);
    }

    @Override
    public void start() {
      events.add("local started, " + (peers.isEmpty() ? "peers unknown" : "peers connected"));
    }

    @Override
    public void shutdown() {
      FakePeerClient b = peers.get(B);
      if (events.size() == 1) {
        events.add(
            "local stopped, " + (b != null && b.shutDown ? "peers drained" : "peers still open"));
      }
    }

    @Override
    public List<PeerState> peers() {
      return List.of();
    }

    @Override
    public List<String> policyNames() {
      return List.of("local policy");
    }

    @Override
    public void decideDue() {}

    @Override
    public String id() {
      return "tail_sampling/test";
    }

    @Override
    public Class<TailSamplingConfig> configType() {
      return TailSamplingConfig.class;
    }

    @Override
    public List<String> reconfigure(TailSamplingConfig config) {
      return List.of("reconfigured locally");
    }
  }
}
