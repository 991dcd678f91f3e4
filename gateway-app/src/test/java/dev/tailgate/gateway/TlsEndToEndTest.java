package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry SDK exports over TLS to one gateway and over mutual TLS to another, by
 * gRPC (the Netty server) and by OTLP/HTTP (the Jetty connector); the spans reach a real OTLP
 * backend, and clients that do not meet the TLS terms get nothing through.
 */
class TlsEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc:
              endpoint: 127.0.0.1:GRPC_PORT
              tls: { cert_file: CERT, key_file: KEY, CLIENT_CA min_version: "1.3" }
            http:
              endpoint: 127.0.0.1:HTTP_PORT
              tls: { cert_file: CERT, key_file: KEY, CLIENT_CA reload_interval: 1m }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        pipelines:
          traces: { receivers: [otlp], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static Path dir;
  static TestCertificates ca;
  static Issued client;
  static OtlpBackend backend;

  /** TLS only: no client certificate is asked for. */
  static GatewayUnderTest tls;

  /** client_ca_file set: a client certificate signed by the CA is required. */
  static GatewayUnderTest mtls;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("tailgate-tls-e2e");
    ca = TestCertificates.authority(dir, "e2e");
    Issued server = ca.issue("gateway");
    client = ca.issue("sdk-client", "EC");
    backend = new OtlpBackend(FreePorts.next()).start();
    String config =
        CONFIG
            .replace("CERT", server.certFile().toString())
            .replace("KEY", server.keyFile().toString());
    tls = new GatewayUnderTest(config.replace("CLIENT_CA", ""), backend.port()).start();
    mtls =
        new GatewayUnderTest(
                config.replace("CLIENT_CA", "client_ca_file: " + ca.caFile() + ","), backend.port())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    tls.close();
    mtls.close();
    backend.close();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  @Test
  void spansFromTheSdkArriveOverTlsByGrpcAndHttp() throws Exception {
    boolean grpc = send(grpc(tls).setTrustedCertificates(caPem()).build(), "tls-grpc");
    boolean http = send(http(tls).setTrustedCertificates(caPem()).build(), "tls-http");

    assertThat(grpc).isTrue();
    assertThat(http).isTrue();
    assertThat(
            Await.until(
                () -> spansOf("tls-grpc") == 3 && spansOf("tls-http") == 3, Duration.ofSeconds(10)))
        .isTrue();
  }

  @Test
  void anSdkThatDoesNotTrustTheCaIsRefused() throws Exception {
    boolean grpc = send(grpc(tls).build(), "untrusted-grpc");
    boolean http = send(http(tls).build(), "untrusted-http");

    assertThat(grpc).isFalse();
    assertThat(http).isFalse();
    assertThat(spansOf("untrusted-grpc") + spansOf("untrusted-http")).isZero();
  }

  @Test
  void spansFromTheSdkArriveOverMutualTlsByGrpcAndHttp() throws Exception {
    boolean grpc =
        send(
            grpc(mtls)
                .setTrustedCertificates(caPem())
                .setClientTls(client.keyPem(), client.certPem())
                .build(),
            "mtls-grpc");
    boolean http =
        send(
            http(mtls)
                .setTrustedCertificates(caPem())
                .setClientTls(client.keyPem(), client.certPem())
                .build(),
            "mtls-http");

    assertThat(grpc).isTrue();
    assertThat(http).isTrue();
    assertThat(
            Await.until(
                () -> spansOf("mtls-grpc") == 3 && spansOf("mtls-http") == 3,
                Duration.ofSeconds(10)))
        .isTrue();
  }

  @Test
  void anSdkWithoutClientCertificateIsRefusedWhenMutualTlsIsRequired() throws Exception {
    boolean grpc = send(grpc(mtls).setTrustedCertificates(caPem()).build(), "no-cert-grpc");
    boolean http = send(http(mtls).setTrustedCertificates(caPem()).build(), "no-cert-http");

    assertThat(grpc).isFalse();
    assertThat(http).isFalse();
    assertThat(spansOf("no-cert-grpc") + spansOf("no-cert-http")).isZero();
  }

  private static OtlpGrpcSpanExporterBuilder grpc(GatewayUnderTest gateway) {
    // No retries: a refused handshake should fail the export now, not after backoff.
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint("https://localhost:" + gateway.grpcPort)
        .setRetryPolicy(null);
  }

  private static OtlpHttpSpanExporterBuilder http(GatewayUnderTest gateway) {
    return OtlpHttpSpanExporter.builder()
        .setEndpoint("https://localhost:" + gateway.httpPort + "/v1/traces")
        .setRetryPolicy(null);
  }

  private static byte[] caPem() throws IOException {
    return Files.readAllBytes(ca.caFile());
  }

  /** Exports three spans one by one; true when every export succeeded. */
  private static boolean send(SpanExporter exporter, String service) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", service).build()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      var tracer = provider.get("tls-e2e");
      for (int i = 0; i < 3; i++) {
        tracer.spanBuilder("span-" + i).startSpan().end();
      }
      return provider.forceFlush().join(15, SECONDS).isSuccess();
    }
  }

  private static long spansOf(String service) {
    return backend.traces.batches().stream()
        .flatMap(request -> request.getResourceSpansList().stream())
        .filter(
            rs ->
                rs.getResource().getAttributesList().stream()
                    .anyMatch(
                        kv ->
                            kv.getKey().equals("service.name")
                                && kv.getValue().getStringValue().equals(service)))
        .mapToLong(TlsEndToEndTest::spanCount)
        .sum();
  }

  private static long spanCount(ResourceSpans resourceSpans) {
    return resourceSpans.getScopeSpansList().stream()
        .mapToLong(scope -> scope.getSpansCount())
        .sum();
  }
}
