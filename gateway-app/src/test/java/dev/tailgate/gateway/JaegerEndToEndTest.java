package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.jaeger.proto.Batch;
import dev.tailgate.exporter.jaeger.proto.CollectorServiceGrpc;
import dev.tailgate.exporter.jaeger.proto.KeyValue;
import dev.tailgate.exporter.jaeger.proto.Log;
import dev.tailgate.exporter.jaeger.proto.PostSpansRequest;
import dev.tailgate.exporter.jaeger.proto.PostSpansResponse;
import dev.tailgate.exporter.jaeger.proto.SpanRef;
import dev.tailgate.exporter.jaeger.proto.SpanRefType;
import dev.tailgate.exporter.jaeger.proto.ValueType;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java SDK exports over OTLP/gRPC to the real gateway, whose jaeger exporter
 * posts to a stand-in Jaeger collector (none can run here): the whole OTLP→Jaeger mapping, as it
 * applies to what an SDK really produces after the gateway's receiver and batching.
 */
class JaegerEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp: { protocols: { grpc: { endpoint: 127.0.0.1:GRPC_PORT } } }
      processors:
        batch: { send_batch_size: 100, timeout: 50ms }
      exporters:
        jaeger: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true } }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [jaeger] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  private static final long T0 = 1_700_000_000_123_456_789L;
  private static final String REMOTE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String REMOTE_PARENT_ID = "00f067aa0ba902b7";
  private static final String LINKED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN_ID = "b7ad6b7169203331";

  private final List<PostSpansRequest> posted = new CopyOnWriteArrayList<>();
  private Server jaeger;
  private GatewayUnderTest gateway;
  private SdkTracerProvider sdk;

  @BeforeEach
  void start() throws Exception {
    jaeger =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", FreePorts.next()))
            .addService(
                new CollectorServiceGrpc.CollectorServiceImplBase() {
                  @Override
                  public void postSpans(
                      PostSpansRequest request, StreamObserver<PostSpansResponse> reply) {
                    posted.add(request);
                    reply.onNext(PostSpansResponse.getDefaultInstance());
                    reply.onCompleted();
                  }
                })
            .build()
            .start();
    gateway = new GatewayUnderTest(CONFIG, jaeger.getPort()).start();
    sdk =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"), "checkout",
                        AttributeKey.stringKey("host.name"), "web-1",
                        AttributeKey.longKey("process.pid"), 4242L)))
            .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(3).build())
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                    .build())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    if (sdk != null) {
      sdk.shutdown().join(10, SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
    if (jaeger != null) {
      jaeger.shutdownNow().awaitTermination(5, SECONDS);
    }
  }

  @Test
  void spansFromTheSdkReachJaegerThroughTheGatewayFullyMapped() throws Exception {
    Tracer tracer =
        sdk.tracerBuilder("dev.tailgate.checkout").setInstrumentationVersion("1.2.3").build();
    SpanContext remoteParent =
        SpanContext.createFromRemoteParent(
            REMOTE_TRACE_ID,
            REMOTE_PARENT_ID,
            TraceFlags.getSampled(),
            TraceState.builder().put("vendor", "abc").build());
    SpanContext linked =
        SpanContext.createFromRemoteParent(
            LINKED_TRACE_ID, LINKED_SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());

    Span server =
        tracer
            .spanBuilder("GET /cart")
            .setParent(Context.root().with(Span.wrap(remoteParent)))
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(T0, NANOSECONDS)
            .setAttribute("http.route", "/cart")
            .setAttribute("http.response.status_code", 500L)
            .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
            .startSpan();
    server.addEvent(
        "exception",
        Attributes.of(AttributeKey.stringKey("exception.type"), "java.io.IOException"),
        T0 + 1_000_001,
        NANOSECONDS);
    Span client =
        tracer
            .spanBuilder("SELECT cart")
            .setParent(Context.root().with(server))
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(T0 + 10, NANOSECONDS)
            .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "batch"))
            .setAttribute("db.system", "postgresql")
            .setAttribute("db.cached", true)
            .setAttribute("db.ratio", 0.25)
            .setAttribute("db.dropped", "over the limit of 3")
            .startSpan();
    client.setStatus(StatusCode.OK);
    client.end(T0 + 20_000_017, NANOSECONDS);
    tracer
        .spanBuilder("publish")
        .setSpanKind(SpanKind.PRODUCER)
        .setStartTimestamp(T0, NANOSECONDS)
        .startSpan()
        .end(T0 + 1, NANOSECONDS);
    tracer
        .spanBuilder("receive")
        .setSpanKind(SpanKind.CONSUMER)
        .setStartTimestamp(T0, NANOSECONDS)
        .startSpan()
        .end(T0 + 1, NANOSECONDS);
    tracer
        .spanBuilder("compute")
        .setStartTimestamp(T0, NANOSECONDS)
        .startSpan()
        .end(T0 + 1, NANOSECONDS);
    server.setStatus(StatusCode.ERROR, "card declined");
    server.end(T0 + 250_000_123, NANOSECONDS);

    assertThat(sdk.forceFlush().join(10, SECONDS).isSuccess()).as("the gateway accepts").isTrue();
    assertThat(Await.until(() -> postedSpanCount() >= 5, Duration.ofSeconds(10)))
        .as("Jaeger gets every span")
        .isTrue();

    List<Batch> batches = posted.stream().map(PostSpansRequest::getBatch).toList();
    assertThat(batches).allSatisfy(JaegerEndToEndTest::isFromTheCheckoutProcess);
    Map<String, dev.tailgate.exporter.jaeger.proto.Span> spans =
        batches.stream()
            .flatMap(b -> b.getSpansList().stream())
            .collect(
                Collectors.toMap(
                    dev.tailgate.exporter.jaeger.proto.Span::getOperationName,
                    Function.identity()));
    assertThat(spans).containsOnlyKeys("GET /cart", "SELECT cart", "publish", "receive", "compute");

    var jaegerServer = spans.get("GET /cart");
    assertThat(jaegerServer.getTraceId())
        .isEqualTo(ByteString.copyFrom(server.getSpanContext().getTraceIdBytes()));
    assertThat(jaegerServer.getSpanId())
        .isEqualTo(ByteString.copyFrom(server.getSpanContext().getSpanIdBytes()));
    assertThat(jaegerServer.getFlags()).as("sampled").isEqualTo(1);
    assertThat(jaegerServer.getReferencesList())
        .containsExactly(ref(REMOTE_TRACE_ID, REMOTE_PARENT_ID, SpanRefType.CHILD_OF));
    assertThat(jaegerServer.getStartTime().getSeconds()).isEqualTo(1_700_000_000L);
    assertThat(jaegerServer.getStartTime().getNanos()).isEqualTo(123_456_789);
    assertThat(jaegerServer.getDuration().getSeconds()).isZero();
    assertThat(jaegerServer.getDuration().getNanos()).isEqualTo(250_000_123);
    assertThat(jaegerServer.getTagsList())
        .containsExactlyInAnyOrder(
            string("http.route", "/cart"),
            int64("http.response.status_code", 500),
            string("tags", "[\"a\",\"b\"]"),
            string("span.kind", "server"),
            string("otel.status_code", "ERROR"),
            bool("error", true),
            string("otel.status_description", "card declined"),
            string("otel.scope.name", "dev.tailgate.checkout"),
            string("otel.scope.version", "1.2.3"),
            string("otel.library.name", "dev.tailgate.checkout"),
            string("otel.library.version", "1.2.3"),
            string("w3c.tracestate", "vendor=abc"));
    assertThat(jaegerServer.getLogsList())
        .singleElement()
        .satisfies(JaegerEndToEndTest::isTheExceptionEvent);

    var jaegerClient = spans.get("SELECT cart");
    assertThat(jaegerClient.getTraceId()).isEqualTo(ByteString.fromHex(REMOTE_TRACE_ID));
    assertThat(jaegerClient.getSpanId())
        .isEqualTo(ByteString.copyFrom(client.getSpanContext().getSpanIdBytes()));
    assertThat(jaegerClient.getReferencesList())
        .containsExactly(
            ref(
                server.getSpanContext().getTraceId(),
                server.getSpanContext().getSpanId(),
                SpanRefType.CHILD_OF),
            ref(LINKED_TRACE_ID, LINKED_SPAN_ID, SpanRefType.FOLLOWS_FROM));
    assertThat(jaegerClient.getStartTime().getSeconds()).isEqualTo(1_700_000_000L);
    assertThat(jaegerClient.getStartTime().getNanos()).isEqualTo(123_456_799);
    assertThat(jaegerClient.getDuration().getSeconds()).isZero();
    assertThat(jaegerClient.getDuration().getNanos()).isEqualTo(20_000_007);
    assertThat(jaegerClient.getTagsList())
        .contains(
            string("db.system", "postgresql"),
            bool("db.cached", true),
            KeyValue.newBuilder()
                .setKey("db.ratio")
                .setVType(ValueType.FLOAT64)
                .setVFloat64(0.25)
                .build(),
            string("span.kind", "client"),
            string("otel.status_code", "OK"),
            int64("otel.dropped_attributes_count", 1),
            string("otel.scope.name", "dev.tailgate.checkout"),
            string("otel.scope.version", "1.2.3"),
            string("w3c.tracestate", "vendor=abc"))
        .extracting(KeyValue::getKey)
        .doesNotContain("error", "otel.status_description", "db.dropped", "link.reason");
    assertThat(jaegerClient.getLogsList()).isEmpty();

    assertThat(spans.get("publish").getTagsList()).contains(string("span.kind", "producer"));
    assertThat(spans.get("receive").getTagsList()).contains(string("span.kind", "consumer"));
    var compute = spans.get("compute");
    assertThat(compute.getTagsList())
        .as("INTERNAL is the default kind, left untagged")
        .extracting(KeyValue::getKey)
        .doesNotContain("span.kind", "otel.status_code", "error");
    assertThat(compute.getReferencesList()).as("a root span").isEmpty();
    assertThat(compute.getStartTime().getNanos()).isEqualTo(123_456_789);
    assertThat(compute.getDuration().getSeconds()).isZero();
    assertThat(compute.getDuration().getNanos()).isEqualTo(1);
  }

  private int postedSpanCount() {
    return posted.stream().mapToInt(r -> r.getBatch().getSpansCount()).sum();
  }

  private static void isFromTheCheckoutProcess(Batch batch) {
    assertThat(batch.getProcess().getServiceName()).isEqualTo("checkout");
    assertThat(batch.getProcess().getTagsList())
        .containsExactlyInAnyOrder(string("host.name", "web-1"), int64("process.pid", 4242));
  }

  private static void isTheExceptionEvent(Log log) {
    assertThat(log.getTimestamp().getSeconds()).isEqualTo(1_700_000_000L);
    assertThat(log.getTimestamp().getNanos()).isEqualTo(124_456_790);
    assertThat(log.getFieldsList())
        .containsExactly(
            string("event", "exception"), string("exception.type", "java.io.IOException"));
  }

  private static SpanRef ref(String traceIdHex, String spanIdHex, SpanRefType type) {
    return SpanRef.newBuilder()
        .setTraceId(ByteString.fromHex(traceIdHex))
        .setSpanId(ByteString.fromHex(spanIdHex))
        .setRefType(type)
        .build();
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setVType(ValueType.STRING).setVStr(value).build();
  }

  private static KeyValue int64(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setVType(ValueType.INT64).setVInt64(value).build();
  }

  private static KeyValue bool(String key, boolean value) {
    return KeyValue.newBuilder().setKey(key).setVType(ValueType.BOOL).setVBool(value).build();
  }
}
