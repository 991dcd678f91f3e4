package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Small OTLP requests for the kafka exporter's tests. */
final class KafkaTestData {
  private KafkaTestData() {}

  static ByteString traceId(int n) {
    byte[] id = new byte[16];
    id[15] = (byte) n;
    id[0] = 0x0a;
    return ByteString.copyFrom(id);
  }

  static String hex(ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }

  static Span span(int trace, String name) {
    return Span.newBuilder()
        .setTraceId(traceId(trace))
        .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) name.hashCode()}))
        .setName(name)
        .build();
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static ResourceSpans resource(String service, Span... spans) {
    return ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service)))
        .addScopeSpans(
            ScopeSpans.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("scope-" + service))
                .addAllSpans(java.util.List.of(spans)))
        .build();
  }

  static ExportTraceServiceRequest traces(ResourceSpans... resources) {
    return ExportTraceServiceRequest.newBuilder()
        .addAllResourceSpans(java.util.List.of(resources))
        .build();
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
  }
}
