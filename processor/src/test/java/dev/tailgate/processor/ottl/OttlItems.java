package dev.tailgate.processor.ottl;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;

/** Items and attribute builders for condition tests. */
final class OttlItems {
  static final Resource RESOURCE =
      Resource.newBuilder().addAttributes(str("service.name", "checkout")).build();
  static final InstrumentationScope SCOPE =
      InstrumentationScope.newBuilder().setName("io.test").setVersion("1.2").build();

  private OttlItems() {}

  /** A server span "GET /cart", status ERROR, 1.5 s long, with a few attributes of each type. */
  static Span.Builder span() {
    return Span.newBuilder()
        .setName("GET /cart")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
        .setSpanId(ByteString.fromHex("eee19b7ec3c1b174"))
        .setStartTimeUnixNano(1_000_000_000L)
        .setEndTimeUnixNano(2_500_000_000L)
        .setStatus(
            Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
        .addAttributes(str("http.route", "/cart"))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("http.status_code")
                .setValue(AnyValue.newBuilder().setIntValue(503)))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("ratio")
                .setValue(AnyValue.newBuilder().setDoubleValue(0.25)))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("cached")
                .setValue(AnyValue.newBuilder().setBoolValue(false)))
        .addAttributes(KeyValue.newBuilder().setKey("tags").setValue(array(text("a"), text("b"))))
        .addAttributes(
            KeyValue.newBuilder()
                .setKey("user")
                .setValue(
                    AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(str("id", "u-1")))));
  }

  static SpanItem spanItem(Span span) {
    return new SpanItem(RESOURCE, SCOPE, span);
  }

  static SpanItem spanItem() {
    return spanItem(span().build());
  }

  static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values)))
        .build();
  }

  static KeyValue str(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(text(value)).build();
  }

  static <I> boolean eval(String condition, OttlContext<I> context, I item) {
    try {
      return Condition.parse(condition, context).matches(item);
    } catch (OttlSyntaxException e) {
      throw new AssertionError(condition + ": " + e.getMessage(), e);
    }
  }

  static String syntaxError(String condition, OttlContext<?> context) {
    try {
      Condition.parse(condition, context);
    } catch (OttlSyntaxException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a syntax error: " + condition);
  }
}
