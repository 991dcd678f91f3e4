package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpReceiverFactoryTest {
  private final OtlpReceiverFactory factory = new OtlpReceiverFactory();
  private final RecordingHost host = new RecordingHost();

  @Test
  void isTheOtlpTypeForAllThreeSignals() {
    assertThat(factory.type()).isEqualTo("otlp");
    assertThat(factory.configType()).isEqualTo(OtlpReceiverConfig.class);
    assertThat(factory.signals())
        .containsExactlyInAnyOrder(Signal.TRACES, Signal.METRICS, Signal.LOGS);
  }

  @Test
  void servesOverHttpOnlyThePathsOfSignalsWithAConsumer() {
    Consumer<ExportMetricsServiceRequest> metrics = batch -> {};

    create(new SignalConsumers(Optional.empty(), Optional.of(metrics), Optional.empty()));

    assertThat(host.served())
        .singleElement()
        .satisfies(
            served -> {
              assertThat(served.endpoint()).isEqualTo(new Endpoint("localhost", 4318));
              assertThat(served.paths()).containsExactly("/v1/metrics");
            });
  }

  @Test
  void servesNothingOverHttpWhenNoSignalHasAConsumer() {
    Receiver receiver =
        create(new SignalConsumers(Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(host.served()).isEmpty();
    receiver.shutdown();
  }

  private Receiver create(SignalConsumers consumers) {
    OtlpReceiverConfig config =
        new OtlpReceiverConfig(new ProtocolsConfig(null, HttpProtocolConfig.defaults()));
    return factory.create(
        TestSettings.of("otlp", new SimpleMeterRegistry(), Clock.systemUTC(), host),
        config,
        consumers);
  }
}
