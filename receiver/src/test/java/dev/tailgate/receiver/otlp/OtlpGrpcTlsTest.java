package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpGrpcTlsTest {
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static TestCertificates otherCa;
  private static Issued server;
  private static Issued rotated;
  private static Issued client;
  private static Issued strangerClient;

  private final SinkConsumer<ExportTraceServiceRequest> traceSink =
      new SinkConsumer<>(Signal.TRACES);
  private final int port = FreePort.find();
  private final List<Receiver> receivers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "grpc");
    otherCa = TestCertificates.authority(dir, "stranger");
    server = ca.issue("grpc-server");
    rotated = ca.issue("grpc-server-rotated", "EC");
    client = ca.issue("grpc-client");
    strangerClient = otherCa.issue("stranger-client");
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    receivers.forEach(Receiver::shutdown);
  }

  @Test
  void acceptsAnExportOverTlsFromAClientTrustingTheCa() throws Exception {
    start(tls(server.certFile(), server.keyFile(), null, null));

    TraceServiceGrpc.newBlockingStub(tlsChannel(null)).export(traces(span("over tls")));

    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void refusesAPlaintextClient() {
    start(tls(server.certFile(), server.keyFile(), null, null));
    ManagedChannel plaintext =
        NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
    channels.add(plaintext);

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> TraceServiceGrpc.newBlockingStub(plaintext).export(traces(span("plaintext"))));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void withClientCaRequiresAClientCertificateSignedByIt() throws Exception {
    start(tls(server.certFile(), server.keyFile(), ca.caFile(), null));

    StatusRuntimeException withoutCertificate = exportFailure(tlsChannel(null));
    StatusRuntimeException withStrangerCertificate = exportFailure(tlsChannel(strangerClient));
    TraceServiceGrpc.newBlockingStub(tlsChannel(client)).export(traces(span("mtls")));

    assertThat(withoutCertificate.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(withStrangerCertificate.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void theBatchCarriesTheRemoteAddressAndTheVerifiedClientCertificatesNames() throws Exception {
    start(tls(server.certFile(), server.keyFile(), ca.caFile(), null));

    TraceServiceGrpc.newBlockingStub(tlsChannel(client)).export(traces(span("mtls")));

    Origin origin = traceSink.origins().get(0);
    assertThat(origin.remoteAddress()).contains(InetAddress.getByName("127.0.0.1"));
    assertThat(origin.certificateHosts()).containsExactlyInAnyOrder("grpc-client", "localhost");
    assertThat(origin.certificateAddresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void minVersion13RefusesATls12Client() throws Exception {
    start(tls(server.certFile(), server.keyFile(), null, "1.3"));
    ManagedChannel tls12 =
        channel(
            GrpcSslContexts.forClient().trustManager(ca.caFile().toFile()).protocols("TLSv1.2"));

    StatusRuntimeException refused = exportFailure(tls12);
    TraceServiceGrpc.newBlockingStub(tlsChannel(null)).export(traces(span("tls 1.3")));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void servesARotatedCertificateToNewConnectionsAfterTheReloadInterval() throws Exception {
    Path cert = dir.resolve("grpc-live.crt");
    Path key = dir.resolve("grpc-live.key");
    Files.copy(server.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(server.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    start(new TlsServerConfig(cert.toString(), key.toString(), null, null, Duration.ofMillis(200)));
    X509Certificate before = peerCertificate(tlsChannel(null));

    Files.copy(rotated.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rotated.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(300);
    X509Certificate after = peerCertificate(tlsChannel(null));

    assertThat(before.getSerialNumber()).isEqualTo(server.certificate().getSerialNumber());
    assertThat(after.getSerialNumber()).isEqualTo(rotated.certificate().getSerialNumber());
    assertThat(after.getSubjectX500Principal().getName()).isEqualTo("CN=grpc-server-rotated");
    assertThat(traceSink.items()).isEqualTo(2);
  }

  private static TlsServerConfig tls(Path cert, Path key, Path clientCa, String minVersion) {
    return new TlsServerConfig(
        cert.toString(),
        key.toString(),
        clientCa == null ? null : clientCa.toString(),
        minVersion,
        null);
  }

  private void start(TlsServerConfig tls) {
    Receiver receiver =
        new OtlpReceiverFactory()
            .create(
                new ComponentSettings(
                    ComponentId.parse("otlp"),
                    new SimpleMeterRegistry(),
                    Clock.systemUTC(),
                    new RecordingHost(),
                    Duration.ofSeconds(5),
                    new MemoryBudget(64L << 20, new SimpleMeterRegistry())),
                new OtlpReceiverConfig(
                    new ProtocolsConfig(
                        new GrpcProtocolConfig(new Endpoint("127.0.0.1", port), null, tls), null)),
                new SignalConsumers(Optional.of(traceSink), Optional.empty(), Optional.empty()));
    receivers.add(receiver);
    receiver.start();
  }

  private ManagedChannel tlsChannel(Issued clientCertificate) throws Exception {
    SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(ca.caFile().toFile());
    if (clientCertificate != null) {
      ssl.keyManager(clientCertificate.certFile().toFile(), clientCertificate.keyFile().toFile());
    }
    return channel(ssl);
  }

  private ManagedChannel channel(SslContextBuilder ssl) throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("localhost", port).sslContext(ssl.build()).build();
    channels.add(channel);
    return channel;
  }

  private static StatusRuntimeException exportFailure(ManagedChannel channel) {
    return catchThrowableOfType(
        StatusRuntimeException.class,
        () -> TraceServiceGrpc.newBlockingStub(channel).export(traces(span("refused"))));
  }

  /** Exports one span and returns the certificate the server presented on that connection. */
  private static X509Certificate peerCertificate(ManagedChannel channel) throws Exception {
    AtomicReference<SSLSession> session = new AtomicReference<>();
    ClientInterceptor capture =
        new ClientInterceptor() {
          @Override
          public <Q, R> ClientCall<Q, R> interceptCall(
              MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(
                next.newCall(method, options)) {
              @Override
              public void start(Listener<R> listener, Metadata headers) {
                ClientCall<Q, R> call = this;
                // The transport's attributes are known once the server has answered.
                super.start(
                    new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
                        listener) {
                      @Override
                      public void onHeaders(Metadata responseHeaders) {
                        session.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                        super.onHeaders(responseHeaders);
                      }
                    },
                    headers);
              }
            };
          }
        };
    TraceServiceGrpc.newBlockingStub(channel)
        .withInterceptors(capture)
        .export(traces(span("which certificate")));
    return (X509Certificate) session.get().getPeerCertificates()[0];
  }
}
