package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.AdminTasks;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver's entry edited under a running gateway: its gRPC side moves to a new port and its HTTP
 * side keeps serving, both from the rebuilt receiver; a change of the HTTP endpoint waits for a
 * restart.
 */
class ReceiverRebuildEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      processors:
        batch: { timeout: 100ms }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true } }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [otlp] }
        config_watch_interval: 0s
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  OtlpBackend backend;
  GatewayUnderTest gateway;

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway = new GatewayUnderTest(CONFIG, backend.port()).start();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  @Test
  void aReceiverWhoseGrpcEndpointChangesServesOnTheNewPortAndKeepsItsHttpSide() throws Exception {
    int newPort = FreePorts.next();
    edit("127.0.0.1:" + gateway.grpcPort, "127.0.0.1:" + newPort);

    HttpResponse<String> reload = postReload();

    assertThat(reload.statusCode()).isEqualTo(200);
    assertThat(reload.body()).contains("receivers.otlp: rebuilt");
    assertThat(
            send(
                OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + newPort).build(),
                3))
        .isTrue();
    assertThat(
            send(
                OtlpHttpSpanExporter.builder()
                    .setEndpoint(gateway.httpEndpoint() + "/v1/traces")
                    .build(),
                2))
        .isTrue();
    assertThat(Await.until(() -> backend.traces.items() == 5, Duration.ofSeconds(10))).isTrue();
    assertThat(
            send(
                OtlpGrpcSpanExporter.builder()
                    .setEndpoint(gateway.grpcEndpoint())
                    .setTimeout(Duration.ofSeconds(2))
                    .build(),
                1))
        .as("nothing listens on the old port")
        .isFalse();
  }

  @Test
  void aChangeOfTheHttpEndpointWaitsForARestartAndTheReceiverRunsOn() throws Exception {
    edit("127.0.0.1:" + gateway.httpPort, "127.0.0.1:" + FreePorts.next());

    HttpResponse<String> reload = postReload();

    assertThat(reload.body())
        .contains(
            "receivers.otlp.protocols.http: added, removed, or its endpoint, tls or url paths"
                + " changed; takes effect on restart");
    assertThat(send(OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(), 2))
        .isTrue();
    assertThat(Await.until(() -> backend.traces.items() == 2, Duration.ofSeconds(10))).isTrue();
  }

  void edit(String from, String to) throws Exception {
    String running = Files.readString(gateway.configFile());
    assertThat(running).contains(from);
    Files.writeString(gateway.configFile(), running.replace(from, to));
  }

  /** Whether the SDK's exporter delivered every span. */
  boolean send(SpanExporter exporter, int spans) {
    CompletableResultCode[] last = new CompletableResultCode[1];
    SpanExporter recording =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(
              java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> batch) {
            last[0] = exporter.export(batch);
            return last[0];
          }

          @Override
          public CompletableResultCode flush() {
            return exporter.flush();
          }

          @Override
          public CompletableResultCode shutdown() {
            return exporter.shutdown();
          }
        };
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(recording).build())
            .build()) {
      Tracer tracer = provider.get("rebuild");
      for (int i = 0; i < spans; i++) {
        tracer.spanBuilder("op-" + i).startSpan().end();
      }
      provider.forceFlush().join(15, SECONDS);
      return last[0] != null && last[0].join(15, SECONDS).isSuccess();
    }
  }

  HttpResponse<String> postReload() throws Exception {
    return AdminTasks.reload(gateway);
  }
}
