package dev.tailgate.pipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemsByTraceIdTest {

  @Test
  void splitsSpansByTraceUnderTheirOwnResourceAndScope() throws Exception {
    ResourceSpans cart =
        resource("cart", scope("http", span(1, "a"), span(2, "b")), scope("db", span(1, "c")));
    ResourceSpans shop = resource("shop", scope("http", span(2, "d"), span(3, "e")));
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(cart)
            .addResourceSpans(shop)
            .build();

    List<ItemsByTraceId.Part> parts = ItemsByTraceId.SPANS.split(request.toByteString());

    assertThat(parts)
        .extracting(ItemsByTraceId.Part::traceId)
        .containsExactly(traceId(1), traceId(2), traceId(3));
    assertThat(parts).extracting(ItemsByTraceId.Part::items).containsExactly(2, 2, 1);
    assertThat(parts).noneMatch(ItemsByTraceId.Part::whole);
    assertThat(parse(parts.get(0)))
        .isEqualTo(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                    resource("cart", scope("http", span(1, "a")), scope("db", span(1, "c"))))
                .build());
    assertThat(parse(parts.get(1)))
        .isEqualTo(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("cart", scope("http", span(2, "b"))))
                .addResourceSpans(resource("shop", scope("http", span(2, "d"))))
                .build());
    assertThat(parse(parts.get(2)))
        .isEqualTo(
            ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource("shop", scope("http", span(3, "e"))))
                .build());
  }

  @Test
  void keepsEveryOtherFieldOfTheEntriesByteForByte() throws Exception {
    UnknownFieldSet future =
        UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build())
            .build();
    ResourceSpans resource =
        resource(
                "cart",
                scope("http", span(1, "a"), span(2, "b")).toBuilder()
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
                    .setUnknownFields(future)
                    .build())
            .toBuilder()
            .setSchemaUrl("https://opentelemetry.io/schemas/1.20.0")
            .setUnknownFields(future)
            .build();
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder().addResourceSpans(resource).build();

    ExportTraceServiceRequest first =
        parse(ItemsByTraceId.SPANS.split(request.toByteString()).get(0));

    ResourceSpans kept = first.getResourceSpans(0);
    assertThat(kept.getSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.20.0");
    assertThat(kept.getUnknownFields()).isEqualTo(future);
    assertThat(kept.getScopeSpans(0).getSchemaUrl())
        .isEqualTo("https://opentelemetry.io/schemas/1.21.0");
    assertThat(kept.getScopeSpans(0).getUnknownFields()).isEqualTo(future);
    assertThat(kept.getScopeSpans(0).getSpansList()).containsExactly(span(1, "a"));
  }

  @Test
  void handsBackTheVeryBytesWhenAllSpansShareOneTrace() throws Exception {
    ByteString request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resource("cart", scope("http", span(7, "a"), span(7, "b"))))
            .build()
            .toByteString();

    assertThat(ItemsByTraceId.SPANS.split(request))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.whole()).isTrue();
              assertThat(p.request()).isSameAs(request);
              assertThat(p.items()).isEqualTo(2);
            });
  }

  @Test
  void findsNoPartsInARequestWithoutSpans() throws Exception {
    ByteString empty =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resource("cart", scope("http")))
            .build()
            .toByteString();

    assertThat(ItemsByTraceId.SPANS.split(empty)).isEmpty();
    assertThat(ItemsByTraceId.SPANS.split(ByteString.EMPTY)).isEmpty();
  }

  @Test
  void groupsLogRecordsByTheirTraceIdAndThoseOutsideATraceTogether() throws Exception {
    ExportLogsServiceRequest request =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(attribute("cart")))
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(log(traceId(3), "a"))
                            .addLogRecords(log(ByteString.EMPTY, "b"))
                            .addLogRecords(log(traceId(3), "c"))
                            .addLogRecords(log(ByteString.EMPTY, "d"))))
            .build();

    List<ItemsByTraceId.Part> parts = ItemsByTraceId.LOG_RECORDS.split(request.toByteString());

    assertThat(parts)
        .extracting(ItemsByTraceId.Part::traceId)
        .containsExactly(traceId(3), ByteString.EMPTY);
    assertThat(
            ExportLogsServiceRequest.parseFrom(parts.get(1).request())
                .getResourceLogs(0)
                .getScopeLogs(0)
                .getLogRecordsList())
        .extracting(LogRecord::getSeverityText)
        .containsExactly("b", "d");
  }

  @Test
  void refusesBytesThatEndInsideAnEntry() {
    byte[] whole =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resource("cart", scope("http", span(1, "a"))))
            .build()
            .toByteArray();
    ByteString truncated = ByteString.copyFrom(whole, 0, whole.length - 3);

    assertThatThrownBy(() -> ItemsByTraceId.SPANS.split(truncated))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  private static ExportTraceServiceRequest parse(ItemsByTraceId.Part part)
      throws InvalidProtocolBufferException {
    return ExportTraceServiceRequest.parseFrom(part.request());
  }

  private static ResourceSpans resource(String service, ScopeSpans... scopes) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute(service)))
        .addAllScopeSpans(List.of(scopes))
        .build();
  }

  private static ScopeSpans scope(String name, Span... spans) {
    return ScopeSpans.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName(name))
        .addAllSpans(List.of(spans))
        .build();
  }

  private static Span span(int trace, String name) {
    return Span.newBuilder()
        .setTraceId(traceId(trace))
        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) name.charAt(0)}))
        .setName(name)
        .addAttributes(attribute(name))
        .build();
  }

  private static LogRecord log(ByteString traceId, String severity) {
    return LogRecord.newBuilder().setTraceId(traceId).setSeverityText(severity).build();
  }

  private static KeyValue attribute(String value) {
    return KeyValue.newBuilder()
        .setKey("service.name")
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static ByteString traceId(int n) {
    byte[] id = new byte[16];
    id[0] = 10;
    id[15] = (byte) n;
    return ByteString.copyFrom(id);
  }
}
