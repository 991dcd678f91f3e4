package dev.tailgate.processor.tailsampling.policy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Small traces for policy tests. */
final class TestTraces {
  static final ByteString TRACE_ID = traceId(1, 2);
  private static final InstrumentationScope SCOPE =
      InstrumentationScope.newBuilder().setName("test").build();

  private TestTraces() {}

  record Trace(ByteString traceId, List<SpanRef> spans, long encodedBytes) implements TraceView {}

  static Trace trace(SpanRef... spans) {
    return new Trace(TRACE_ID, List.of(spans), 100);
  }

  static Trace trace(ByteString traceId, SpanRef... spans) {
    return new Trace(traceId, List.of(spans), 100);
  }

  /** A trace of {@code count} plain spans. */
  static Trace traceOfSpans(int count) {
    SpanRef[] spans = new SpanRef[count];
    Arrays.setAll(spans, i -> ref(span().build()));
    return trace(spans);
  }

  static Trace traceOfBytes(long encodedBytes) {
    return new Trace(TRACE_ID, List.of(ref(span().build())), encodedBytes);
  }

  static Span.Builder span() {
    return Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setName("op")
        .setStartTimeUnixNano(1_000_000_000L)
        .setEndTimeUnixNano(1_001_000_000L);
  }

  static Span.Builder span(StatusCode code) {
    return span().setStatus(Status.newBuilder().setCode(code));
  }

  static SpanRef ref(Span span) {
    return SpanRef.of(Resource.getDefaultInstance(), SCOPE, span);
  }

  static SpanRef ref(Resource resource, Span span) {
    return SpanRef.of(resource, SCOPE, span);
  }

  static Resource resource(KeyValue... attributes) {
    return Resource.newBuilder().addAllAttributes(List.of(attributes)).build();
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue attr(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static KeyValue attr(String key, double value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setDoubleValue(value))
        .build();
  }

  static KeyValue attr(String key, boolean value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setBoolValue(value))
        .build();
  }

  static ByteString traceId(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  static ByteString randomTraceId(Random random) {
    return traceId(random.nextLong(), random.nextLong());
  }
}
