package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partition_traces_by_id}: one part per trace id, so each record holds the spans of one
 * trace and every span of a trace lands on the partition its key hashes to (one consumer sees the
 * whole trace).
 */
final class TracesByTraceId implements Keying<ExportTraceServiceRequest> {

  @Override
  public List<Keyed<ExportTraceServiceRequest>> apart(ExportTraceServiceRequest request) {
    Map<ByteString, ExportTraceServiceRequest.Builder> traces = new LinkedHashMap<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      // Per trace, this resource's part, built only for traces that have spans under it.
      Map<ByteString, ResourceSpans.Builder> resourceParts = new LinkedHashMap<>();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        Map<ByteString, ScopeSpans.Builder> scopeParts = new LinkedHashMap<>();
        for (Span span : scope.getSpansList()) {
          scopeParts
              .computeIfAbsent(span.getTraceId(), id -> scope.toBuilder().clearSpans())
              .addSpans(span);
        }
        scopeParts.forEach(
            (id, part) ->
                resourceParts
                    .computeIfAbsent(id, i -> resource.toBuilder().clearScopeSpans())
                    .addScopeSpans(part));
      }
      resourceParts.forEach(
          (id, part) ->
              traces
                  .computeIfAbsent(id, i -> ExportTraceServiceRequest.newBuilder())
                  .addResourceSpans(part));
    }
    if (traces.size() == 1) {
      return List.of(new Keyed<>(TraceIdKeys.of(traces.keySet().iterator().next()), request, true));
    }
    List<Keyed<ExportTraceServiceRequest>> parts = new ArrayList<>(traces.size());
    traces.forEach((id, part) -> parts.add(new Keyed<>(TraceIdKeys.of(id), part.build(), false)));
    return parts;
  }
}
