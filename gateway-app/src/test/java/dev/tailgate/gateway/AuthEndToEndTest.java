package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry SDK exports through a gateway whose receivers require a bearer token
 * (bearertokenauth): with the token in its headers its spans reach the OTLP backend, without or
 * with a wrong one they do not.
 */
class AuthEndToEndTest {
  static final String CONFIG =
      """
      extensions:
        bearertokenauth/sdk: { token: e2e-s3cret }
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT, auth: { authenticator: bearertokenauth/sdk } }
            http: { endpoint: 127.0.0.1:HTTP_PORT, auth: { authenticator: bearertokenauth/sdk } }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        extensions: [ bearertokenauth/sdk ]
        pipelines:
          traces: { receivers: [otlp], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static OtlpBackend backend;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway = new GatewayUnderTest(CONFIG, backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  @Test
  void onlyTheSdkThatSendsTheTokenGetsThrough() throws Exception {
    send(OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(), "grpc-none");
    send(
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(gateway.grpcEndpoint())
            .addHeader("Authorization", "Bearer wrong")
            .build(),
        "grpc-wrong");
    send(
        OtlpHttpSpanExporter.builder().setEndpoint(gateway.httpEndpoint() + "/v1/traces").build(),
        "http-none");
    send(
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(gateway.grpcEndpoint())
            .addHeader("Authorization", "Bearer e2e-s3cret")
            .build(),
        "grpc-token");
    send(
        OtlpHttpSpanExporter.builder()
            .setEndpoint(gateway.httpEndpoint() + "/v1/traces")
            .addHeader("Authorization", "Bearer e2e-s3cret")
            .build(),
        "http-token");

    assertThat(
            Await.until(
                () -> spansOf("grpc-token") == 1 && spansOf("http-token") == 1,
                Duration.ofSeconds(10)))
        .isTrue();
    // Sent before the accepted ones, on the same connections: had they got through, they would be
    // here.
    assertThat(spansOf("grpc-none") + spansOf("grpc-wrong") + spansOf("http-none")).isZero();
  }

  private static void send(SpanExporter exporter, String service) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", service).build()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      provider.get("e2e-auth").spanBuilder("op").startSpan().end();
      provider.forceFlush().join(10, SECONDS);
    }
  }

  private static long spansOf(String service) {
    return backend.traces.merged().getResourceSpansList().stream()
        .filter(rs -> service.equals(serviceOf(rs)))
        .mapToLong(rs -> rs.getScopeSpansList().stream().mapToLong(s -> s.getSpansCount()).sum())
        .sum();
  }

  private static String serviceOf(ResourceSpans rs) {
    return rs.getResource().getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("service.name"))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse("");
  }
}
