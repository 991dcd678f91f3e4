package dev.tailgate.processor.tailsampling.peers;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.stream.Stream;

/** Trace ids owned by a chosen peer, spans named after them, and requests carrying them. */
final class PeerTraces {
  private PeerTraces() {}

  /** The {@code n}th trace id (counting from 0) that {@code ring} gives to {@code owner}. */
  static ByteString ownedBy(PeerRing ring, Endpoint owner, int n) {
    int found = 0;
    for (int i = 0; ; i++) {
      byte[] id = new byte[16];
      id[0] = 7;
      id[12] = (byte) (i >> 24);
      id[13] = (byte) (i >> 16);
      id[14] = (byte) (i >> 8);
      id[15] = (byte) i;
      ByteString traceId = ByteString.copyFrom(id);
      if (ring.ownerOf(traceId).equals(owner) && found++ == n) {
        return traceId;
      }
    }
  }

  static Span span(ByteString traceId, String name) {
    return Span.newBuilder()
        .setTraceId(traceId)
        .setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) name.hashCode()}))
        .setName(name)
        .build();
  }

  static ExportTraceServiceRequest request(Resource resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource)
                .setSchemaUrl("https://schema/r")
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(TestBatches.scope("s"))
                        .setSchemaUrl("https://schema/s")
                        .addAllSpans(List.of(spans))))
        .build();
  }

  static ExportTraceServiceRequest request(Span... spans) {
    return request(TestBatches.resource("svc"), spans);
  }

  static Stream<Span> spans(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream());
  }

  static List<String> spanNames(List<ExportTraceServiceRequest> requests) {
    return requests.stream().flatMap(PeerTraces::spans).map(Span::getName).toList();
  }

  static List<String> spanNames(ExportTraceServiceRequest request) {
    return spans(request).map(Span::getName).toList();
  }
}
