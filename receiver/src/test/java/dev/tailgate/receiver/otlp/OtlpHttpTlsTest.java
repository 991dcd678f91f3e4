package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import dev.tailgate.pipeline.tls.TlsServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpHttpTlsTest {
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Issued server;
  private static Issued rotated;
  private static Issued client;

  private final SinkConsumer<ExportTraceServiceRequest> traceSink =
      new SinkConsumer<>(Signal.TRACES);
  private final RecordingHost host = new RecordingHost();
  private final int port = FreePort.find();
  private Receiver receiver;
  private JettyServer jetty;

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "http");
    server = ca.issue("http-server");
    rotated = ca.issue("http-server-rotated");
    client = ca.issue("http-client");
  }

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.shutdown();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  void asksTheHostForTlsAndTakesAnExportOverIt() throws Exception {
    serve(tls(server.certFile(), server.keyFile(), null, null));

    HttpResponse<byte[]> response = post("https", ca.clientContext());

    assertThat(host.served().get(0).tls()).isNotNull();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void aPlaintextRequestIsNotServed() throws Exception {
    serve(tls(server.certFile(), server.keyFile(), null, null));

    // Jetty answers plaintext on a TLS port with a 400 (or drops the connection): never an export.
    Optional<Integer> status;
    try {
      status = Optional.of(post("http", SSLContext.getDefault()).statusCode());
    } catch (IOException refused) {
      status = Optional.empty();
    }

    assertThat(status).isNotEqualTo(Optional.of(200));
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void withClientCaRefusesAClientWithoutCertificateAndServesOneSignedByIt() throws Exception {
    serve(tls(server.certFile(), server.keyFile(), ca.caFile(), null));

    assertThatThrownBy(() -> post("https", ca.clientContext())).isInstanceOf(IOException.class);
    HttpResponse<byte[]> withCertificate = post("https", ca.clientContext(client));

    assertThat(withCertificate.statusCode()).isEqualTo(200);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void theBatchCarriesTheRemoteAddressAndTheVerifiedClientCertificatesNames() throws Exception {
    serve(tls(server.certFile(), server.keyFile(), ca.caFile(), null));

    assertThat(post("https", ca.clientContext(client)).statusCode()).isEqualTo(200);

    Origin origin = traceSink.origins().get(0);
    assertThat(origin.remoteAddress()).contains(InetAddress.getByName("127.0.0.1"));
    assertThat(origin.certificateHosts()).containsExactlyInAnyOrder("http-client", "localhost");
  }

  @Test
  void servesARotatedCertificateToNewConnectionsAfterTheReloadInterval() throws Exception {
    Path cert = dir.resolve("http-live.crt");
    Path key = dir.resolve("http-live.key");
    Files.copy(server.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(server.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    serve(new TlsServerConfig(cert.toString(), key.toString(), null, null, Duration.ofMillis(200)));
    X509Certificate before = peerCertificate(post("https", ca.clientContext()));

    Files.copy(rotated.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rotated.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(300);
    // A new client: a new connection, so a new handshake.
    X509Certificate after = peerCertificate(post("https", ca.clientContext()));

    assertThat(before.getSerialNumber()).isEqualTo(server.certificate().getSerialNumber());
    assertThat(after.getSerialNumber()).isEqualTo(rotated.certificate().getSerialNumber());
  }

  private static TlsServerConfig tls(Path cert, Path key, Path clientCa, String minVersion) {
    return new TlsServerConfig(
        cert.toString(),
        key.toString(),
        clientCa == null ? null : clientCa.toString(),
        minVersion,
        null);
  }

  private void serve(TlsServerConfig tls) throws Exception {
    receiver =
        new OtlpReceiverFactory()
            .create(
                new ComponentSettings(
                    ComponentId.parse("otlp"),
                    new SimpleMeterRegistry(),
                    Clock.systemUTC(),
                    host,
                    Duration.ofSeconds(5),
                    new MemoryBudget(64L << 20, new SimpleMeterRegistry())),
                new OtlpReceiverConfig(
                    new ProtocolsConfig(
                        null,
                        new HttpProtocolConfig(
                            new Endpoint("127.0.0.1", port),
                            HttpProtocolConfig.DEFAULT_MAX_REQUEST_BODY_SIZE,
                            tls))),
                new SignalConsumers(Optional.of(traceSink), Optional.empty(), Optional.empty()));
    jetty = new JettyServer(host.served().get(0));
    receiver.start();
  }

  private HttpResponse<byte[]> post(String scheme, SSLContext ssl)
      throws IOException, InterruptedException {
    HttpClient http =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(traces(span("over https")).toByteArray()))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static X509Certificate peerCertificate(HttpResponse<?> response) throws Exception {
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
