package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Spans of numbered traces, named {@code <trace>/<span>}, and requests that carry them. */
final class TestTraces {
  private TestTraces() {}

  static ByteString traceId(int trace) {
    byte[] id = new byte[16];
    id[15] = (byte) trace;
    id[14] = (byte) (trace >> 8);
    id[0] = 1;
    return ByteString.copyFrom(id);
  }

  static Span span(int trace, int span) {
    return Span.newBuilder()
        .setTraceId(traceId(trace))
        .setSpanId(
            ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, (byte) trace, (byte) (span + 1)}))
        .setName(trace + "/" + span)
        .build();
  }

  /** Spans 0..count-1 of {@code trace}. */
  static List<Span> spans(int trace, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> span(trace, i)).toList();
  }

  /** One request: the spans under resource {@code service.name=service}, scope "s". */
  static ExportTraceServiceRequest request(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(TestBatches.resource(service))
                .setSchemaUrl("https://schema/" + service)
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(TestBatches.scope("s"))
                        .setSchemaUrl("https://schema/s")
                        .addAllSpans(spans)))
        .build();
  }

  static ExportTraceServiceRequest request(List<Span> spans) {
    return request("svc", spans);
  }

  /** Names of all spans in the batches, in order. */
  static List<String> spanNames(List<ExportTraceServiceRequest> batches) {
    return allSpans(batches).stream().map(Span::getName).toList();
  }

  static List<Span> allSpans(List<ExportTraceServiceRequest> batches) {
    return batches.stream()
        .flatMap(b -> b.getResourceSpansList().stream())
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .toList();
  }

  static String attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(kv -> kv.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }
}
