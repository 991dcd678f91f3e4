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
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator rotates the CA that signs client certificates: {@code client_ca_file} is replaced
 * while the gateway runs. After {@code reload_interval}, the real OpenTelemetry SDK with a
 * certificate from the new CA gets through by gRPC and OTLP/HTTP, and one from the dropped CA no
 * longer does; no restart.
 */
class ClientCaRotationEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc:
              endpoint: 127.0.0.1:GRPC_PORT
              tls: { cert_file: CERT, key_file: KEY, client_ca_file: CLIENT_CA, reload_interval: 200ms }
            http:
              endpoint: 127.0.0.1:HTTP_PORT
              tls: { cert_file: CERT, key_file: KEY, client_ca_file: CLIENT_CA, reload_interval: 200ms }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        pipelines:
          traces: { receivers: [otlp], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  @TempDir Path dir;
  TestCertificates serverCa;
  TestCertificates oldClientCa;
  TestCertificates newClientCa;
  Path clientCaFile;
  OtlpBackend backend;
  GatewayUnderTest gateway;

  @BeforeEach
  void start() throws Exception {
    serverCa = TestCertificates.authority(dir, "server");
    oldClientCa = TestCertificates.authority(dir, "old-clients");
    newClientCa = TestCertificates.authority(dir, "new-clients");
    Issued server = serverCa.issue("gateway");
    clientCaFile = dir.resolve("client-ca.crt");
    Files.copy(oldClientCa.caFile(), clientCaFile);
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway =
        new GatewayUnderTest(
                CONFIG
                    .replace("CLIENT_CA", clientCaFile.toString())
                    .replace("CERT", server.certFile().toString())
                    .replace("KEY", server.keyFile().toString()),
                backend.port())
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  @Test
  void aRotatedClientCaHoldsForNewConnectionsAfterTheReloadInterval() throws Exception {
    Issued oldClient = oldClientCa.issue("old-sdk", "EC");
    Issued newClient = newClientCa.issue("new-sdk", "EC");
    assertThat(sendBoth(oldClient, "before-old")).as("old CA, before").isTrue();
    assertThat(sendBoth(newClient, "before-new")).as("new CA, before").isFalse();

    Files.copy(newClientCa.caFile(), clientCaFile, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(400);

    assertThat(sendBoth(newClient, "after-new")).as("new CA, after").isTrue();
    assertThat(sendBoth(oldClient, "after-old")).as("old CA, after").isFalse();
    assertThat(
            Await.until(
                () -> backend.traces.items() == 2 * 2 * 3 /* two senders, both protocols */,
                Duration.ofSeconds(10)))
        .as("spans of the accepted sends only (%s)", backend.traces.items())
        .isTrue();
  }

  /**
   * Sends over gRPC and over HTTP with {@code client}'s certificate; true when both got through.
   */
  boolean sendBoth(Issued client, String service) throws Exception {
    byte[] trusted = Files.readAllBytes(serverCa.caFile());
    boolean grpc =
        send(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("https://localhost:" + gateway.grpcPort)
                .setRetryPolicy(null)
                .setTrustedCertificates(trusted)
                .setClientTls(client.keyPem(), client.certPem())
                .build(),
            service + "-grpc");
    boolean http =
        send(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("https://localhost:" + gateway.httpPort + "/v1/traces")
                .setRetryPolicy(null)
                .setTrustedCertificates(trusted)
                .setClientTls(client.keyPem(), client.certPem())
                .build(),
            service + "-http");
    assertThat(grpc).as("%s: gRPC and HTTP agree", service).isEqualTo(http);
    return grpc && http;
  }

  /** Exports three spans through a new exporter (a new connection); true when all got through. */
  static boolean send(SpanExporter exporter, String service) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", service).build()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      var tracer = provider.get("client-ca-rotation");
      for (int i = 0; i < 3; i++) {
        tracer.spanBuilder("span-" + i).startSpan().end();
      }
      return provider.forceFlush().join(15, SECONDS).isSuccess();
    }
  }
}
