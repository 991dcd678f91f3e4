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

/** Data accepted while the backend is down is queued and delivered once it comes back. */
class BackendRecoveryEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        batch: { send_batch_size: 10, timeout: 50ms }
      exporters:
        otlp:
          endpoint: 127.0.0.1:BACKEND_PORT
          tls: { insecure: true }
          timeout: 1s
          retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  @Test
  void queuedDataReachesABackendThatComesBack() throws Exception {
    int backendPort = FreePorts.next();
    try (GatewayUnderTest gateway = new GatewayUnderTest(CONFIG, backendPort).start()) {
      try (SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpGrpcSpanExporter.builder()
                              .setEndpoint(gateway.grpcEndpoint())
                              .build())
                      .build())
              .build()) {
        for (int i = 0; i < 25; i++) {
          provider.get("recovery").spanBuilder("while-down-" + i).startSpan().end();
        }
        assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }

      try (OtlpBackend backend = new OtlpBackend(backendPort).start()) {
        assertThat(backend.traces.awaitItems(25, 20, SECONDS)).isTrue();
        assertThat(backend.traces.items()).isEqualTo(25);
      }
    }
  }
}
