package dev.tailgate.processor.tailsampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import dev.tailgate.processor.tailsampling.peers.PeerRoutingProcessor;
import dev.tailgate.processor.tailsampling.peers.PeersConfig;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailSamplingProcessorFactoryTest {
  final TailSamplingProcessorFactory factory = new TailSamplingProcessorFactory();
  final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

  static TailSamplingConfig config(PeersConfig peers) {
    return new TailSamplingConfig(
        Duration.ofSeconds(10), 1000, null, null, List.of(), 10_000, null, null, null, peers);
  }

  @Test
  void withoutPeersBuildsTheLocalProcessorAlone() {
    var processor =
        factory.create(TestSettings.of("tail_sampling"), config(null), Signal.TRACES, sink);

    assertThat(processor).isInstanceOf(LocalTailSamplingProcessor.class);
    assertThat(((TailSamplingProcessor) processor).peers()).isEmpty();
  }

  @Test
  void withPeersWrapsTheLocalProcessorInTheRouter() {
    Endpoint self = Endpoint.parse("10.0.0.1:4317");
    var peers = new PeersConfig(self, List.of(self), null, null, null, null, null, null);

    var processor =
        factory.create(TestSettings.of("tail_sampling/peered"), config(peers), Signal.TRACES, sink);

    assertThat(processor)
        .isInstanceOf(PeerRoutingProcessor.class)
        .isInstanceOf(TailSamplingProcessor.class);
    assertThat(((TailSamplingProcessor) processor).id()).isEqualTo("tail_sampling/peered");
    processor.shutdown();
  }
}
