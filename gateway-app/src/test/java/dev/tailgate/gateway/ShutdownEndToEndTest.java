package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

/** An orderly stop (what SIGTERM does) passes on and sends everything the gateway holds. */
class ShutdownEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        batch: { send_batch_size: 100000, timeout: 1h }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true } }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  @Test
  void stopFlushesBatchedDataToTheBackend() throws Exception {
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start()) {
      GatewayUnderTest gateway = new GatewayUnderTest(CONFIG, backend.port()).start();
      try (SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpGrpcSpanExporter.builder()
                              .setEndpoint(gateway.grpcEndpoint())
                              .build())
                      .build())
              .build()) {
        for (int i = 0; i < 7; i++) {
          provider.get("shutdown").spanBuilder("held-" + i).startSpan().end();
        }
        assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }
      assertThat(backend.traces.items()).isZero();

      gateway.stop();

      assertThat(backend.traces.awaitItems(7, 10, SECONDS)).isTrue();
    }
  }
}
