package dev.tailgate.exporter.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.jaeger.proto.Batch;
import dev.tailgate.exporter.jaeger.proto.KeyValue;
import dev.tailgate.exporter.jaeger.proto.Log;
import dev.tailgate.exporter.jaeger.proto.PostSpansRequest;
import dev.tailgate.exporter.jaeger.proto.SpanRef;
import dev.tailgate.exporter.jaeger.proto.SpanRefType;
import dev.tailgate.exporter.jaeger.proto.ValueType;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.TestSettings;
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
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans made by the real OpenTelemetry Java SDK, sent over OTLP/gRPC to a small intake that hands
 * them to the jaeger exporter, which posts them to a stand-in Jaeger collector: the whole mapping
 * as it applies to what an SDK really produces.
 */
class JaegerExporterSdkTest {
  private static final long T0 = 1_700_000_000_123_456_789L;
  private static final String REMOTE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String REMOTE_PARENT_ID = "00f067aa0ba902b7";
  private static final String LINKED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINKED_SPAN_ID = "b7ad6b7169203331";

  private JaegerTestCollector collector;
  private Exporter<ExportTraceServiceRequest> exporter;
  private OtlpIntake intake;
  private SdkTracerProvider sdk;

  @BeforeEach
  void start() {
    collector = JaegerTestCollector.start();
    exporter =
        new JaegerExporterFactory()
            .create(
                TestSettings.of("jaeger"),
                new YamlConfig("exporters.jaeger")
                    .bind(
                        """
                        endpoint: 127.0.0.1:%d
                        tls: { insecure: true }
                        sending_queue: { enabled: false }
                        retry_on_failure: { enabled: false }
                        """
                            .formatted(collector.port()),
                        JaegerExporterConfig.class),
                Signal.TRACES);
    exporter.start();
    intake = OtlpIntake.start(exporter);
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
                SimpleSpanProcessor.create(
                    OtlpGrpcSpanExporter.builder().setEndpoint(intake.endpoint()).build()))
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
    intake.close();
    exporter.shutdown();
    collector.close();
  }

  @Test
  void mapsWhatTheSdkRecordedOntoJaegerSpans() {
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
            .setStartTimestamp(T0, TimeUnit.NANOSECONDS)
            .setAttribute("http.route", "/cart")
            .setAttribute("http.response.status_code", 500L)
            .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
            .startSpan();
    server.addEvent(
        "exception",
        Attributes.of(AttributeKey.stringKey("exception.type"), "java.io.IOException"),
        T0 + 1_000_001,
        TimeUnit.NANOSECONDS);
    Span client =
        tracer
            .spanBuilder("SELECT cart")
            .setParent(Context.root().with(server))
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(T0 + 10, TimeUnit.NANOSECONDS)
            .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "batch"))
            .setAttribute("db.system", "postgresql")
            .setAttribute("db.cached", true)
            .setAttribute("db.ratio", 0.25)
            .setAttribute("db.dropped", "over the limit of 3")
            .startSpan();
    client.setStatus(StatusCode.OK);
    client.end(T0 + 20_000_017, TimeUnit.NANOSECONDS);
    Span producer = tracer.spanBuilder("publish").setSpanKind(SpanKind.PRODUCER).startSpan();
    producer.end();
    Span consumer = tracer.spanBuilder("receive").setSpanKind(SpanKind.CONSUMER).startSpan();
    consumer.end();
    Span internal = tracer.spanBuilder("compute").startSpan();
    internal.end();
    server.setStatus(StatusCode.ERROR, "card declined");
    server.end(T0 + 250_000_123, TimeUnit.NANOSECONDS);

    assertThat(sdk.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(intake.failures()).isEmpty();
    List<Batch> batches = collector.accepted().stream().map(PostSpansRequest::getBatch).toList();
    assertThat(batches).hasSize(5).allSatisfy(JaegerExporterSdkTest::isFromTheCheckoutProcess);
    Map<String, dev.tailgate.exporter.jaeger.proto.Span> spans = new HashMap<>();
    batches.forEach(b -> b.getSpansList().forEach(s -> spans.put(s.getOperationName(), s)));

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
        .satisfies(JaegerExporterSdkTest::isTheExceptionEvent);

    var jaegerClient = spans.get("SELECT cart");
    assertThat(jaegerClient.getReferencesList())
        .containsExactly(
            ref(
                server.getSpanContext().getTraceId(),
                server.getSpanContext().getSpanId(),
                SpanRefType.CHILD_OF),
            ref(LINKED_TRACE_ID, LINKED_SPAN_ID, SpanRefType.FOLLOWS_FROM));
    assertThat(jaegerClient.getStartTime().getNanos()).isEqualTo(123_456_799);
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
            string("w3c.tracestate", "vendor=abc"))
        .extracting(KeyValue::getKey)
        .doesNotContain("error", "otel.status_description", "db.dropped", "link.reason");

    assertThat(spans.get("publish").getTagsList()).contains(string("span.kind", "producer"));
    assertThat(spans.get("receive").getTagsList()).contains(string("span.kind", "consumer"));
    assertThat(spans.get("compute").getTagsList())
        .extracting(KeyValue::getKey)
        .doesNotContain("span.kind");
    assertThat(spans.get("compute").getReferencesList()).as("a root span").isEmpty();
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
