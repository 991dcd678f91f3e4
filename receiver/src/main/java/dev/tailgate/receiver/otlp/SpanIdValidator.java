package dev.tailgate.receiver.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Rejects spans without a 16-byte trace_id and an 8-byte span_id: no backend can store them, and
 * trace-keyed processors (tail sampling) would group them wrongly. The request is rebuilt only when
 * a span was rejected; resources and scopes left without spans are dropped.
 */
final class SpanIdValidator implements ItemValidator<ExportTraceServiceRequest> {
  static final String REASON = "trace_id must be 16 bytes and span_id 8 bytes";

  @Override
  public Validated<ExportTraceServiceRequest> validate(ExportTraceServiceRequest request) {
    int total = 0;
    int rejected = 0;
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          total++;
          if (!isValid(span)) {
            rejected++;
          }
        }
      }
    }
    if (rejected == 0) {
      return Validated.allValid(request, total);
    }
    return new Validated<>(
        withoutInvalid(request),
        total - rejected,
        rejected,
        rejected + " spans rejected: " + REASON);
  }

  private static boolean isValid(Span span) {
    return span.getTraceId().size() == 16 && span.getSpanId().size() == 8;
  }

  private static ExportTraceServiceRequest withoutInvalid(ExportTraceServiceRequest request) {
    ExportTraceServiceRequest.Builder kept = ExportTraceServiceRequest.newBuilder();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      ResourceSpans.Builder keptResource = resource.toBuilder().clearScopeSpans();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        ScopeSpans.Builder keptScope = scope.toBuilder().clearSpans();
        for (Span span : scope.getSpansList()) {
          if (isValid(span)) {
            keptScope.addSpans(span);
          }
        }
        if (keptScope.getSpansCount() > 0) {
          keptResource.addScopeSpans(keptScope);
        }
      }
      if (keptResource.getScopeSpansCount() > 0) {
        kept.addResourceSpans(keptResource);
      }
    }
    return kept.build();
  }
}
