package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Host;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.auth.BearerTokenAuthConfig;
import dev.tailgate.pipeline.auth.BearerTokenAuthenticator;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.tls.ServerTls;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code auth} on both protocols, over real gRPC and HTTP on loopback, with bearertokenauth. */
class OtlpReceiverAuthTest {
  private static final ComponentId AUTH_ID = ComponentId.parse("bearertokenauth/sdk");

  private final RecordingHost recording = new RecordingHost();
  private final ServerAuthenticator bearer =
      new BearerTokenAuthenticator(
          new BearerTokenAuthConfig("s3cret", null, null, null), Clock.systemUTC());
  private final SinkConsumer<ExportTraceServiceRequest> traceSink =
      new SinkConsumer<>(Signal.TRACES);
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int grpcPort = FreePort.find();
  private final int httpPort = FreePort.find();
  private Receiver receiver;
  private JettyServer jetty;
  private ManagedChannel channel;

  /** The gateway's extensions, as a host offers them; HTTP serving is recorded as usual. */
  private final Host host =
      new Host() {
        @Override
        public void serveHttp(
            Endpoint endpoint, ServerTls tls, HttpServlet servlet, String... paths) {
          recording.serveHttp(endpoint, tls, servlet, paths);
        }

        @Override
        public Optional<ServerAuthenticator> authenticator(ComponentId id) {
          return Optional.ofNullable(Map.of(AUTH_ID, bearer).get(id));
        }
      };

  @BeforeEach
  void start() throws Exception {
    AuthConfig auth = new AuthConfig(AUTH_ID.toString());
    ProtocolsConfig protocols =
        new ProtocolsConfig(
            new GrpcProtocolConfig(new Endpoint("127.0.0.1", grpcPort), null, null, auth),
            new HttpProtocolConfig(
                new Endpoint("127.0.0.1", httpPort), ByteSize.parse("64KiB"), null, null, auth));
    receiver =
        new OtlpReceiverFactory()
            .create(
                settings(host),
                new OtlpReceiverConfig(protocols),
                SignalConsumers.ofTraces(traceSink));
    jetty = new JettyServer(recording.served().get(0));
    receiver.start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    receiver.shutdown();
    jetty.close();
  }

  @Test
  void httpWithoutOrWithAWrongTokenGets401WithAStatusBodyInTheRequestsEncoding() throws Exception {
    HttpResponse<byte[]> none = post("application/x-protobuf", null, protobufBody());
    HttpResponse<byte[]> wrong = post("application/json", "Bearer nope", jsonBody());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Status.parseFrom(none.body()))
        .isEqualTo(
            Status.newBuilder()
                .setCode(Code.UNAUTHENTICATED_VALUE)
                .setMessage("authentication failed")
                .build());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new ObjectMapper().readTree(wrong.body()).get("message").asText())
        .isEqualTo("authentication failed");
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void httpWithTheRightTokenIsAccepted() throws Exception {
    HttpResponse<byte[]> response = post("application/x-protobuf", "Bearer s3cret", protobufBody());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(traceSink.items()).isEqualTo(1);
  }

  @Test
  void grpcWithoutOrWithAWrongTokenIsUnauthenticated() {
    assertThatThrownBy(() -> stub(null).export(traces(span("a"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).isEqualTo("authentication failed");
            });
    assertThatThrownBy(() -> stub("Bearer nope").export(traces(span("a"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED));
    assertThat(traceSink.items()).isZero();
  }

  @Test
  void grpcWithTheRightTokenIsAccepted() {
    stub("Bearer s3cret").export(traces(span("a"), span("b")));

    assertThat(traceSink.items()).isEqualTo(2);
  }

  @Test
  void anAuthenticatorTheHostDoesNotHaveFailsTheReceiverAtCreation() {
    HttpProtocolConfig http =
        new HttpProtocolConfig(
            new Endpoint("127.0.0.1", FreePort.find()),
            ByteSize.parse("64KiB"),
            null,
            null,
            new AuthConfig("basicauth/missing"));

    assertThatThrownBy(
            () ->
                new OtlpReceiverFactory()
                    .create(
                        settings(host),
                        new OtlpReceiverConfig(new ProtocolsConfig(null, http)),
                        SignalConsumers.ofTraces(traceSink)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("protocols.http.auth")
        .hasMessageContaining("basicauth/missing");
  }

  private TraceServiceGrpc.TraceServiceBlockingStub stub(String authorization) {
    TraceServiceGrpc.TraceServiceBlockingStub stub =
        TraceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    if (authorization == null) {
      return stub;
    }
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
  }

  private HttpResponse<byte[]> post(String contentType, String authorization, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/traces"))
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), BodyHandlers.ofByteArray());
  }

  private static byte[] protobufBody() {
    return traces(span("a")).toByteArray();
  }

  private static byte[] jsonBody() {
    return "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8);
  }

  private static ComponentSettings settings(Host host) {
    return new ComponentSettings(
        ComponentId.parse("otlp"),
        new SimpleMeterRegistry(),
        Clock.systemUTC(),
        host,
        Duration.ofSeconds(5),
        new MemoryBudget(64L << 20, new SimpleMeterRegistry()));
  }
}
