package dev.tailgate.exporter.jaeger;

import dev.tailgate.exporter.jaeger.proto.Batch;
import dev.tailgate.exporter.jaeger.proto.Process;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates OTLP traces into Jaeger's proto model as the OpenTelemetry specification's
 * "OpenTelemetry to Jaeger Transformation" says: one {@link Batch} per resource, whose {@link
 * Process} carries the service name and the resource's other attributes as tags. The spans
 * themselves are translated by {@link SpanToJaeger}.
 */
public final class OtlpToJaeger {
  static final String SERVICE_NAME = "service.name";
  static final String EXECUTABLE_NAME = "process.executable.name";
  static final String UNKNOWN_SERVICE = "unknown_service";

  private final JaegerTags tags = new JaegerTags();
  private final SpanToJaeger spans = new SpanToJaeger(tags);

  /** One batch per resource that has spans, in order. */
  public List<Batch> translate(ExportTraceServiceRequest request) {
    List<Batch> batches = new ArrayList<>(request.getResourceSpansCount());
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Batch.Builder batch = Batch.newBuilder();
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        SpanToJaeger.Scope scope = spans.scope(scopeSpans.getScope());
        for (Span span : scopeSpans.getSpansList()) {
          batch.addSpans(spans.translate(span, scope));
        }
      }
      if (batch.getSpansCount() > 0) {
        batches.add(batch.setProcess(process(resourceSpans.getResource())).build());
      }
    }
    return batches;
  }

  /**
   * The service name is the process's own field, so it is not repeated as a tag. Without one the
   * name is the SDKs' default, {@code unknown_service} (with the executable's name when known).
   */
  Process process(Resource resource) {
    TagList processTags = new TagList();
    String serviceName = null;
    String executableName = null;
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals(SERVICE_NAME)) {
        serviceName = nonEmptyString(attribute.getValue());
        continue;
      }
      if (attribute.getKey().equals(EXECUTABLE_NAME)) {
        executableName = nonEmptyString(attribute.getValue());
      }
      processTags.attribute(tags.attribute(attribute.getKey(), attribute.getValue()));
    }
    processTags.count(SpanToJaeger.DROPPED_ATTRIBUTES, resource.getDroppedAttributesCount());
    if (serviceName == null) {
      serviceName =
          executableName == null ? UNKNOWN_SERVICE : UNKNOWN_SERVICE + ":" + executableName;
    }
    return Process.newBuilder()
        .setServiceName(serviceName)
        .addAllTags(processTags.toList())
        .build();
  }

  private static String nonEmptyString(AnyValue value) {
    return value.hasStringValue() && !value.getStringValue().isEmpty()
        ? value.getStringValue()
        : null;
  }
}
