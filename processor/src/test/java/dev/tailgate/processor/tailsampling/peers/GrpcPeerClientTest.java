package dev.tailgate.processor.tailsampling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OTLP/gRPC client against a real gRPC server on loopback. */
class GrpcPeerClientTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final ExportTraceServiceRequest SPANS =
      PeerTraces.request(
          PeerTraces.span(
              ByteString.copyFrom(
                  new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
              "s1"));

  static final ClientTlsConfig PLAINTEXT = new ClientTlsConfig(true, null, null, null, null);

  final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
  volatile io.grpc.StatusRuntimeException refusal;
  Server server;
  GrpcPeerClient client;

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  GrpcPeerClient clientOfServer() throws IOException {
    return clientOfServer(InsecureServerCredentials.create(), PLAINTEXT);
  }

  GrpcPeerClient clientOfServer(ServerCredentials credentials, ClientTlsConfig tls)
      throws IOException {
    int port = freePort();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials)
            .addService(
                new TraceServiceGrpc.TraceServiceImplBase() {
                  @Override
                  public void export(
                      ExportTraceServiceRequest request,
                      StreamObserver<ExportTraceServiceResponse> reply) {
                    if (refusal != null) {
                      reply.onError(refusal);
                      return;
                    }
                    received.add(request);
                    reply.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    reply.onCompleted();
                  }
                })
            .build()
            .start();
    client = new GrpcPeerClient(new Endpoint("127.0.0.1", port), tls);
    return client;
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (client != null) {
      client.shutdown();
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void deliversSpansToThePeer() throws Exception {
    ExportOutcome outcome = clientOfServer().export(SPANS, TIMEOUT);

    assertThat(outcome).isEqualTo(ExportOutcome.ACCEPTED);
    assertThat(received).containsExactly(SPANS);
  }

  @Test
  void sendsTheConfiguredHeadersWithEveryForward() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    int port = freePort();
    io.grpc.Metadata.Key<String> authorization =
        io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER);
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", port), InsecureServerCredentials.create())
            .addService(
                io.grpc.ServerInterceptors.intercept(
                    new TraceServiceGrpc.TraceServiceImplBase() {
                      @Override
                      public void export(
                          ExportTraceServiceRequest request,
                          StreamObserver<ExportTraceServiceResponse> reply) {
                        reply.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        reply.onCompleted();
                      }
                    },
                    new io.grpc.ServerInterceptor() {
                      @Override
                      public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(
                          io.grpc.ServerCall<Q, A> call,
                          io.grpc.Metadata headers,
                          io.grpc.ServerCallHandler<Q, A> next) {
                        authorizations.add(String.valueOf(headers.get(authorization)));
                        return next.startCall(call, headers);
                      }
                    }))
            .build()
            .start();
    client =
        new GrpcPeerClient(
            new Endpoint("127.0.0.1", port),
            PLAINTEXT,
            java.util.Map.of("authorization", "Bearer peer-s3cret"));

    assertThat(client.export(SPANS, TIMEOUT)).isEqualTo(ExportOutcome.ACCEPTED);
    assertThat(client.export(SPANS, TIMEOUT)).isEqualTo(ExportOutcome.ACCEPTED);

    assertThat(authorizations).containsExactly("Bearer peer-s3cret", "Bearer peer-s3cret");
  }

  @Test
  void aPeerThatRefusesForLackOfRoomAnswersAndAsksForARetryLater() throws Exception {
    GrpcPeerClient client = clientOfServer();
    RetryInfo retryInfo =
        RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(2))
            .build();
    refusal =
        StatusProto.toStatusRuntimeException(
            com.google.rpc.Status.newBuilder()
                .setCode(Code.UNAVAILABLE_VALUE)
                .setMessage("queue full")
                .addDetails(Any.pack(retryInfo))
                .build());

    ExportOutcome outcome = client.export(SPANS, TIMEOUT);

    assertThat(outcome.answered()).isTrue();
    assertThat(outcome.error())
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("queue full");
    assertThat(((RetryableException) outcome.error()).retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(client.probe(TIMEOUT).get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aPeerThatRejectsTheDataAnswersWithAPermanentError() throws Exception {
    GrpcPeerClient client = clientOfServer();
    refusal = Status.INVALID_ARGUMENT.withDescription("bad span").asRuntimeException();

    ExportOutcome outcome = client.export(SPANS, TIMEOUT);

    assertThat(outcome.answered()).isTrue();
    assertThat(outcome.error())
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("bad span");
  }

  @Test
  void anUnreachablePeerDoesNotAnswerAndTheExportMayBeRetried() throws Exception {
    client = new GrpcPeerClient(new Endpoint("127.0.0.1", freePort()), PLAINTEXT);

    ExportOutcome outcome = client.export(SPANS, TIMEOUT);

    assertThat(outcome.answered()).isFalse();
    assertThat(outcome.error()).isInstanceOf(RetryableException.class);
    assertThat(client.probe(TIMEOUT).get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void probesWithAnEmptyExport() throws Exception {
    assertThat(clientOfServer().probe(TIMEOUT).get(10, TimeUnit.SECONDS)).isTrue();

    assertThat(received).containsExactly(ExportTraceServiceRequest.getDefaultInstance());
  }

  @Test
  void forwardsOverTlsVerifyingThePeerAgainstTheCaFile() throws Exception {
    GrpcPeerClient client =
        clientOfServer(
            serverCredentials(false), new ClientTlsConfig(null, null, file("ca.pem"), null, null));

    assertThat(client.export(SPANS, TIMEOUT)).isEqualTo(ExportOutcome.ACCEPTED);
    assertThat(received).containsExactly(SPANS);
  }

  @Test
  void forwardsOverMutualTlsPresentingTheClientCertificate() throws Exception {
    GrpcPeerClient client =
        clientOfServer(
            serverCredentials(true),
            new ClientTlsConfig(
                false, null, file("ca.pem"), file("client.pem"), file("client-key.pem")));

    assertThat(client.export(SPANS, TIMEOUT)).isEqualTo(ExportOutcome.ACCEPTED);
  }

  @Test
  void aPlaintextClientGetsNoAnswerFromAPeerThatSpeaksTls() throws Exception {
    ExportOutcome outcome =
        clientOfServer(serverCredentials(false), PLAINTEXT).export(SPANS, TIMEOUT);

    assertThat(outcome.answered()).isFalse();
    assertThat(received).isEmpty();
  }

  private static ServerCredentials serverCredentials(boolean requireClientCertificate)
      throws IOException {
    TlsServerCredentials.Builder builder =
        TlsServerCredentials.newBuilder()
            .keyManager(
                new java.io.File(file("server.pem")), new java.io.File(file("server-key.pem")));
    if (requireClientCertificate) {
      builder
          .trustManager(new java.io.File(file("ca.pem")))
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return builder.build();
  }

  private static String file(String name) {
    try {
      return java.nio.file.Path.of(GrpcPeerClientTest.class.getResource("tls/" + name).toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
