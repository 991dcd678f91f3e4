package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets its OTLP status, and the gateway keeps serving afterwards. */
class BadInputEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT, max_recv_msg_size_mib: 1 }
            http: { endpoint: 127.0.0.1:HTTP_PORT, max_request_body_size: 64KiB }
      exporters:
        debug: { verbosity: basic }
      service:
        pipelines:
          traces: { receivers: [otlp], exporters: [debug] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static GatewayUnderTest gateway;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    gateway = new GatewayUnderTest(CONFIG, 0).start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** On a new connection: the server may close one after an error response with an unread body. */
  @AfterEach
  void gatewayStillServes() throws Exception {
    var ok =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            request("still-alive").toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  static ExportTraceServiceRequest request(String name) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .addSpans(
                            Span.newBuilder()
                                .setName(name)
                                .setTraceId(
                                    ByteString.copyFrom(
                                        new byte[] {
                                          1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
                                        }))
                                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                .addAttributes(
                                    KeyValue.newBuilder()
                                        .setKey("k")
                                        .setValue(AnyValue.newBuilder().setStringValue("v"))))))
        .build();
  }

  static HttpResponse<byte[]> post(String path, String contentType, String encoding, byte[] body)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (encoding != null) {
      builder.header("Content-Encoding", encoding);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void undecodablePayloadGets400() throws Exception {
    assertThat(
            post("/v1/traces", "application/x-protobuf", null, new byte[] {(byte) 0xff, 0x01, 0x02})
                .statusCode())
        .isEqualTo(400);
    assertThat(post("/v1/traces", "application/json", null, "{not json".getBytes()).statusCode())
        .isEqualTo(400);
  }

  @Test
  void unsupportedContentTypeGets415() throws Exception {
    assertThat(post("/v1/traces", "text/plain", null, "hello".getBytes()).statusCode())
        .isEqualTo(415);
  }

  @Test
  void wrongMethodGets405() throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + "/v1/traces")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void unknownPathGets404() throws Exception {
    assertThat(post("/v1/profiles", "application/x-protobuf", null, new byte[0]).statusCode())
        .isEqualTo(404);
    assertThat(post("/", "application/x-protobuf", null, new byte[0]).statusCode()).isEqualTo(404);
  }

  @Test
  void signalWithoutPipelineGets404() throws Exception {
    assertThat(post("/v1/metrics", "application/x-protobuf", null, new byte[0]).statusCode())
        .isEqualTo(404);
  }

  @Test
  void bodyOverTheLimitGets413() throws Exception {
    assertThat(
            post("/v1/traces", "application/x-protobuf", null, new byte[100 * 1024]).statusCode())
        .isEqualTo(413);
  }

  @Test
  void gzipBombGets413() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gzip.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan(64 * 1024);

    assertThat(
            post("/v1/traces", "application/x-protobuf", "gzip", compressed.toByteArray())
                .statusCode())
        .isEqualTo(413);
  }

  @Test
  void oversizedGrpcMessageGetsResourceExhausted() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort).usePlaintext().build();
    try {
      var big = request("x".repeat(2 * 1024 * 1024));
      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  TraceServiceGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .export(big));
      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

      var ok =
          TraceServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .export(request("small"));
      assertThat(ok.hasPartialSuccess()).isFalse();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void invalidTraceIdIsRejectedInPartialSuccessWhileValidSpansFlow() throws Exception {
    var bad = request("ok").toBuilder();
    bad.getResourceSpansBuilder(0)
        .getScopeSpansBuilder(0)
        .addSpans(
            Span.newBuilder()
                .setName("bad")
                .setTraceId(ByteString.copyFrom(new byte[3]))
                .setSpanId(ByteString.copyFrom(new byte[8])));

    var response = post("/v1/traces", "application/x-protobuf", null, bad.build().toByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    var body =
        io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse.parseFrom(
            response.body());
    assertThat(body.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(body.getPartialSuccess().getErrorMessage()).isNotBlank();
  }
}
