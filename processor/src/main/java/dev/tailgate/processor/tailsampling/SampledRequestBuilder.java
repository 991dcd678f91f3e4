package dev.tailgate.processor.tailsampling;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import dev.tailgate.processor.tailsampling.policy.SpanRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects kept spans, marked, into one export request grouped by resource and then scope, so
 * spans of many traces from the same service travel under one resource.
 */
final class SampledRequestBuilder {
  private final SpanMarker marker;
  private final Map<ResourceKey, Map<Origin, List<Span>>> groups = new LinkedHashMap<>();
  private int spanCount;

  SampledRequestBuilder(SpanMarker marker) {
    this.marker = marker;
  }

  void add(BufferedTrace trace, SamplingVerdict verdict) {
    SpanMarker.Marks marks = marker.marksFor(verdict);
    // The trace's parsed spans, in fragment order (parsed once, for the policies).
    Iterator<SpanRef> parsed = trace.spans().iterator();
    for (BufferedTrace.Fragment fragment : trace.fragments()) {
      List<Span> spans = spansOf(fragment.origin());
      for (int i = 0; i < fragment.spans().size(); i++) {
        spans.add(marks.mark(parsed.next().span()));
      }
      spanCount += fragment.spans().size();
    }
  }

  void add(Origin origin, Span span, SamplingVerdict verdict) {
    spansOf(origin).add(marker.mark(span, verdict));
    spanCount++;
  }

  int spanCount() {
    return spanCount;
  }

  /** The request, or null when nothing was kept. */
  ExportTraceServiceRequest buildOrNull() {
    if (spanCount == 0) {
      return null;
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    groups.forEach((resource, scopes) -> {
      ResourceSpans.Builder resourceSpans =
          ResourceSpans.newBuilder().setResource(resource.resource()).setSchemaUrl(resource.schemaUrl());
      scopes.forEach((origin, spans) ->
          resourceSpans.addScopeSpans(
              ScopeSpans.newBuilder()
                  .setScope(origin.scope())
                  .setSchemaUrl(origin.scopeSchemaUrl())
                  .addAllSpans(spans)));
      request.addResourceSpans(resourceSpans);
    });
    return request.build();
  }

  private List<Span> spansOf(Origin origin) {
    return groups
        .computeIfAbsent(new ResourceKey(origin.resource(), origin.resourceSchemaUrl()), k -> new LinkedHashMap<>())
        .computeIfAbsent(origin, o -> new ArrayList<>());
  }

  private record ResourceKey(Resource resource, String schemaUrl) {}
}
