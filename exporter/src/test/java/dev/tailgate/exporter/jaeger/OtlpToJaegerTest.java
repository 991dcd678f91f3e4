package dev.tailgate.exporter.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.jaeger.proto.Batch;
import dev.tailgate.exporter.jaeger.proto.Log;
import dev.tailgate.exporter.jaeger.proto.SpanRef;
import dev.tailgate.exporter.jaeger.proto.SpanRefType;
import dev.tailgate.exporter.jaeger.proto.ValueType;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OtlpToJaegerTest {
  private static final ByteString TRACE_ID = bytes("5b8efff798038103d269b633813fc60c");
  private static final ByteString SPAN_ID = bytes("eee19b7ec3c1b174");
  private static final ByteString PARENT_ID = bytes("00f067aa0ba902b7");
  private static final ByteString LINKED_TRACE_ID = bytes("0af7651916cd43dd8448eb211c80319c");
  private static final ByteString LINKED_SPAN_ID = bytes("b7ad6b7169203331");
  private static final long START = 1_700_000_000_123_456_789L;

  private final OtlpToJaeger translator = new OtlpToJaeger();

  @Test
  void makesOneBatchPerResourceWithTheServiceNameAsProcess() {
    List<Batch> batches =
        translator.translate(
            request(
                resourceSpans(
                    resource("checkout", attribute("host.name", "web-1")),
                    scopeSpans(span(), span())),
                resourceSpans(resource("payment"), scopeSpans(span()))));

    assertThat(batches).hasSize(2);
    assertThat(batches.get(0).getProcess().getServiceName()).isEqualTo("checkout");
    assertThat(batches.get(0).getProcess().getTagsList())
        .containsExactly(stringTag("host.name", "web-1"));
    assertThat(batches.get(0).getSpansCount()).isEqualTo(2);
    assertThat(batches.get(1).getProcess().getServiceName()).isEqualTo("payment");
    assertThat(batches.get(1).getProcess().getTagsList()).isEmpty();
    assertThat(batches.get(1).getSpansCount()).isEqualTo(1);
  }

  @Test
  void gathersTheSpansOfEveryScopeOfAResourceInOneBatch() {
    List<Batch> batches =
        translator.translate(
            request(
                resourceSpans(
                    resource("checkout"), scopeSpans(span()), scopeSpans(span(), span()))));

    assertThat(batches).singleElement().satisfies(b -> assertThat(b.getSpansCount()).isEqualTo(3));
  }

  @Test
  void leavesOutResourcesWithoutSpans() {
    List<Batch> batches =
        translator.translate(
            request(
                resourceSpans(resource("idle")),
                resourceSpans(resource("busy"), scopeSpans(span()))));

    assertThat(batches).extracting(b -> b.getProcess().getServiceName()).containsExactly("busy");
    assertThat(translator.translate(ExportTraceServiceRequest.getDefaultInstance())).isEmpty();
  }

  @Test
  void namesAServiceWithoutServiceNameUnknownService() {
    Resource anonymous =
        Resource.newBuilder().addAttributes(attribute("host.name", "web-1")).build();
    Resource emptyName = Resource.newBuilder().addAttributes(attribute("service.name", "")).build();

    assertThat(translator.process(anonymous).getServiceName()).isEqualTo("unknown_service");
    assertThat(translator.process(emptyName).getServiceName()).isEqualTo("unknown_service");
    assertThat(translator.process(emptyName).getTagsList()).isEmpty();
  }

  @Test
  void addsTheExecutableNameToUnknownServiceAsTheSdksDo() {
    Resource resource =
        Resource.newBuilder().addAttributes(attribute("process.executable.name", "java")).build();

    assertThat(translator.process(resource).getServiceName()).isEqualTo("unknown_service:java");
    assertThat(translator.process(resource).getTagsList())
        .containsExactly(stringTag("process.executable.name", "java"));
  }

  @Test
  void reportsDroppedResourceAttributesAsAProcessTag() {
    Resource resource = resource("checkout").toBuilder().setDroppedAttributesCount(3).build();

    assertThat(translator.process(resource).getTagsList())
        .containsExactly(intTag("otel.dropped_attributes_count", 3));
  }

  @Test
  void keepsIdsAsBytesAndTheNameAsOperationName() {
    var jaeger = translate(span().setName("GET /cart"));

    assertThat(jaeger.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(jaeger.getTraceId().size()).isEqualTo(16);
    assertThat(jaeger.getSpanId()).isEqualTo(SPAN_ID);
    assertThat(jaeger.getSpanId().size()).isEqualTo(8);
    assertThat(jaeger.getOperationName()).isEqualTo("GET /cart");
    assertThat(jaeger.hasProcess()).as("the batch's process applies").isFalse();
  }

  @Test
  void keepsStartTimeAndDurationToTheNanosecond() {
    var jaeger =
        translate(span().setStartTimeUnixNano(START).setEndTimeUnixNano(START + 2_000_000_001L));

    assertThat(jaeger.getStartTime().getSeconds()).isEqualTo(1_700_000_000L);
    assertThat(jaeger.getStartTime().getNanos()).isEqualTo(123_456_789);
    assertThat(jaeger.getDuration().getSeconds()).isEqualTo(2);
    assertThat(jaeger.getDuration().getNanos()).isEqualTo(1);
  }

  @Test
  void givesAZeroDurationWhenTheEndIsMissingOrBeforeTheStart() {
    assertThat(translate(span().setEndTimeUnixNano(0)).getDuration().getSeconds()).isZero();
    assertThat(translate(span().setEndTimeUnixNano(START - 5)).getDuration().getNanos()).isZero();
  }

  @Test
  void mapsEachAttributeTypeToItsTagType() {
    var jaeger =
        translate(
            span()
                .addAttributes(attribute("http.route", "/cart"))
                .addAttributes(keyValue("retry", AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(keyValue("http.status_code", AnyValue.newBuilder().setIntValue(503)))
                .addAttributes(keyValue("ratio", AnyValue.newBuilder().setDoubleValue(0.25)))
                .addAttributes(
                    keyValue("digest", AnyValue.newBuilder().setBytesValue(bytes("cafe"))))
                .addAttributes(keyValue("nothing", AnyValue.newBuilder())));

    assertThat(jaeger.getTagsList())
        .containsExactly(
            stringTag("http.route", "/cart"),
            tag("retry").setVType(ValueType.BOOL).setVBool(true).build(),
            tag("http.status_code").setVType(ValueType.INT64).setVInt64(503).build(),
            tag("ratio").setVType(ValueType.FLOAT64).setVFloat64(0.25).build(),
            tag("digest").setVType(ValueType.BINARY).setVBinary(bytes("cafe")).build(),
            stringTag("nothing", ""));
  }

  @Test
  void writesArraysAndMapsAsJsonStrings() {
    AnyValue array =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("a\"b"))
                    .addValues(AnyValue.newBuilder().setIntValue(2))
                    .addValues(AnyValue.newBuilder().setDoubleValue(1.5))
                    .addValues(AnyValue.newBuilder().setBoolValue(false))
                    .addValues(AnyValue.newBuilder().setBytesValue(bytes("cafe")))
                    .addValues(AnyValue.newBuilder()))
            .build();
    AnyValue map =
        AnyValue.newBuilder()
            .setKvlistValue(
                KeyValueList.newBuilder()
                    .addValues(keyValue("user", AnyValue.newBuilder().setStringValue("u-17")))
                    .addValues(keyValue("roles", array.toBuilder())))
            .build();

    var jaeger =
        translate(
            span()
                .addAttributes(keyValue("list", array.toBuilder()))
                .addAttributes(keyValue("map", map.toBuilder())));

    assertThat(jaeger.getTagsList())
        .containsExactly(
            stringTag("list", "[\"a\\\"b\",2,1.5,false,\"yv4=\",null]"),
            stringTag(
                "map", "{\"user\":\"u-17\",\"roles\":[\"a\\\"b\",2,1.5,false,\"yv4=\",null]}"));
  }

  @ParameterizedTest
  @CsvSource({
    "SPAN_KIND_CLIENT, client",
    "SPAN_KIND_SERVER, server",
    "SPAN_KIND_PRODUCER, producer",
    "SPAN_KIND_CONSUMER, consumer"
  })
  void tagsTheSpanKind(Span.SpanKind kind, String tag) {
    assertThat(translate(span().setKind(kind)).getTagsList())
        .containsExactly(stringTag("span.kind", tag));
  }

  @ParameterizedTest
  @EnumSource(
      value = Span.SpanKind.class,
      names = {"SPAN_KIND_INTERNAL", "SPAN_KIND_UNSPECIFIED"})
  void doesNotTagInternalOrUnspecifiedKinds(Span.SpanKind kind) {
    assertThat(translate(span().setKind(kind)).getTagsList()).isEmpty();
  }

  @Test
  void tagsAnOkStatusWithoutTheErrorFlag() {
    var jaeger =
        translate(span().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)));

    assertThat(jaeger.getTagsList()).containsExactly(stringTag("otel.status_code", "OK"));
  }

  @Test
  void tagsAnErrorStatusWithItsDescriptionAndTheErrorFlag() {
    var jaeger =
        translate(
            span()
                .setStatus(
                    Status.newBuilder()
                        .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                        .setMessage("card declined")));

    assertThat(jaeger.getTagsList())
        .containsExactlyInAnyOrder(
            stringTag("otel.status_code", "ERROR"),
            tag("error").setVType(ValueType.BOOL).setVBool(true).build(),
            stringTag("otel.status_description", "card declined"));
  }

  @Test
  void reportsNothingForAnUnsetStatusEvenWithAMessage() {
    var jaeger = translate(span().setStatus(Status.newBuilder().setMessage("ignored")));

    assertThat(jaeger.getTagsList()).isEmpty();
  }

  @Test
  void letsTheErrorFlagReplaceAnErrorAttribute() {
    var jaeger =
        translate(
            span()
                .addAttributes(attribute("error", "timeout"))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)));

    assertThat(jaeger.getTagsList())
        .filteredOn(t -> t.getKey().equals("error"))
        .containsExactly(tag("error").setVType(ValueType.BOOL).setVBool(true).build());
  }

  @Test
  void makesTheParentTheFirstChildOfReferenceAndLinksFollowsFromReferences() {
    var jaeger =
        translate(
            span()
                .setParentSpanId(PARENT_ID)
                .addLinks(
                    Span.Link.newBuilder()
                        .setTraceId(LINKED_TRACE_ID)
                        .setSpanId(LINKED_SPAN_ID)
                        .addAttributes(attribute("lost", "in translation"))));

    assertThat(jaeger.getReferencesList())
        .containsExactly(
            SpanRef.newBuilder()
                .setTraceId(TRACE_ID)
                .setSpanId(PARENT_ID)
                .setRefType(SpanRefType.CHILD_OF)
                .build(),
            SpanRef.newBuilder()
                .setTraceId(LINKED_TRACE_ID)
                .setSpanId(LINKED_SPAN_ID)
                .setRefType(SpanRefType.FOLLOWS_FROM)
                .build());
    assertThat(jaeger.getTagsList()).as("link attributes have no place in Jaeger").isEmpty();
  }

  @Test
  void givesARootSpanNoReference() {
    assertThat(translate(span()).getReferencesList()).isEmpty();
    assertThat(translate(span().setParentSpanId(bytes("0000000000000000"))).getReferencesList())
        .isEmpty();
  }

  @Test
  void turnsEventsIntoLogsNamedByTheEventField() {
    var jaeger =
        translate(
            span()
                .addEvents(
                    Span.Event.newBuilder()
                        .setTimeUnixNano(START + 7)
                        .setName("exception")
                        .addAttributes(attribute("exception.type", "java.io.IOException"))
                        .setDroppedAttributesCount(2))
                .addEvents(Span.Event.newBuilder().setTimeUnixNano(START + 8)));

    assertThat(jaeger.getLogsList()).hasSize(2);
    Log first = jaeger.getLogs(0);
    assertThat(first.getTimestamp().getSeconds()).isEqualTo(1_700_000_000L);
    assertThat(first.getTimestamp().getNanos()).isEqualTo(123_456_796);
    assertThat(first.getFieldsList())
        .containsExactly(
            stringTag("event", "exception"),
            stringTag("exception.type", "java.io.IOException"),
            intTag("otel.dropped_attributes_count", 2));
    assertThat(jaeger.getLogs(1).getFieldsList())
        .as("an unnamed event has no event field")
        .isEmpty();
  }

  @Test
  void letsAnEventAttributeNamedEventTakePrecedenceOverTheName() {
    var jaeger =
        translate(
            span()
                .addEvents(
                    Span.Event.newBuilder()
                        .setName("log")
                        .addAttributes(attribute("event", "cache miss"))));

    assertThat(jaeger.getLogs(0).getFieldsList()).containsExactly(stringTag("event", "cache miss"));
  }

  @Test
  void tagsTheScopeWithItsNameVersionAndTheDeprecatedAliases() {
    InstrumentationScope scope =
        InstrumentationScope.newBuilder()
            .setName("io.opentelemetry.jdbc")
            .setVersion("2.1.0")
            .build();

    var jaeger = translateIn(scope, span());

    assertThat(jaeger.getTagsList())
        .containsExactly(
            stringTag("otel.scope.name", "io.opentelemetry.jdbc"),
            stringTag("otel.library.name", "io.opentelemetry.jdbc"),
            stringTag("otel.scope.version", "2.1.0"),
            stringTag("otel.library.version", "2.1.0"));
  }

  @Test
  void addsScopeAttributesToItsSpansUnlessTheSpanHasTheSameKey() {
    InstrumentationScope scope =
        InstrumentationScope.newBuilder()
            .addAttributes(attribute("db.system", "postgresql"))
            .addAttributes(attribute("team", "payments"))
            .build();

    var jaeger = translateIn(scope, span().addAttributes(attribute("team", "checkout")));

    assertThat(jaeger.getTagsList())
        .containsExactly(stringTag("team", "checkout"), stringTag("db.system", "postgresql"));
  }

  @Test
  void reportsDroppedCountsOnlyAboveZero() {
    var dropped =
        translate(
            span().setDroppedAttributesCount(1).setDroppedEventsCount(2).setDroppedLinksCount(3));
    var complete = translate(span());

    assertThat(dropped.getTagsList())
        .containsExactly(
            intTag("otel.dropped_attributes_count", 1),
            intTag("otel.dropped_events_count", 2),
            intTag("otel.dropped_links_count", 3));
    assertThat(complete.getTagsList()).isEmpty();
  }

  @Test
  void tagsTheTraceStateAsW3cTracestate() {
    var jaeger = translate(span().setTraceState("vendor=abc,other=1"));

    assertThat(jaeger.getTagsList())
        .containsExactly(stringTag("w3c.tracestate", "vendor=abc,other=1"));
  }

  @Test
  void keepsOnlyTheSampledBitOfTheSpanFlags() {
    assertThat(translate(span().setFlags(0x301)).getFlags()).isEqualTo(1);
    assertThat(translate(span().setFlags(0x300)).getFlags()).isZero();
  }

  @Test
  void putsDerivedTagsAfterTheAttributesAndReplacesAttributesWithTheirKeys() {
    var jaeger =
        translate(
            span()
                .addAttributes(attribute("span.kind", "client"))
                .addAttributes(attribute("http.route", "/cart"))
                .setKind(Span.SpanKind.SPAN_KIND_SERVER));

    assertThat(jaeger.getTagsList())
        .containsExactly(stringTag("http.route", "/cart"), stringTag("span.kind", "server"));
  }

  private dev.tailgate.exporter.jaeger.proto.Span translate(Span.Builder span) {
    return translateIn(InstrumentationScope.getDefaultInstance(), span);
  }

  private dev.tailgate.exporter.jaeger.proto.Span translateIn(
      InstrumentationScope scope, Span.Builder span) {
    List<Batch> batches =
        translator.translate(
            request(
                resourceSpans(
                    resource("checkout"), ScopeSpans.newBuilder().setScope(scope).addSpans(span))));
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).getSpansCount()).isEqualTo(1);
    return batches.get(0).getSpans(0);
  }

  private static Span.Builder span() {
    return Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setSpanId(SPAN_ID)
        .setName("operation")
        .setStartTimeUnixNano(START)
        .setEndTimeUnixNano(START + 1_000);
  }

  private static ExportTraceServiceRequest request(ResourceSpans.Builder... resources) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (ResourceSpans.Builder resource : resources) {
      request.addResourceSpans(resource);
    }
    return request.build();
  }

  private static ResourceSpans.Builder resourceSpans(
      Resource resource, ScopeSpans.Builder... scopes) {
    ResourceSpans.Builder builder = ResourceSpans.newBuilder().setResource(resource);
    for (ScopeSpans.Builder scope : scopes) {
      builder.addScopeSpans(scope);
    }
    return builder;
  }

  private static ScopeSpans.Builder scopeSpans(Span.Builder... spans) {
    ScopeSpans.Builder builder = ScopeSpans.newBuilder();
    for (Span.Builder span : spans) {
      builder.addSpans(span);
    }
    return builder;
  }

  private static Resource resource(String serviceName, KeyValue... attributes) {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", serviceName))
        .addAllAttributes(List.of(attributes))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return keyValue(key, AnyValue.newBuilder().setStringValue(value));
  }

  private static KeyValue keyValue(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static dev.tailgate.exporter.jaeger.proto.KeyValue.Builder tag(String key) {
    return dev.tailgate.exporter.jaeger.proto.KeyValue.newBuilder().setKey(key);
  }

  private static dev.tailgate.exporter.jaeger.proto.KeyValue stringTag(String key, String value) {
    return tag(key).setVType(ValueType.STRING).setVStr(value).build();
  }

  private static dev.tailgate.exporter.jaeger.proto.KeyValue intTag(String key, long value) {
    return tag(key).setVType(ValueType.INT64).setVInt64(value).build();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
