package dev.tailgate.exporter.elasticsearch;

import static dev.tailgate.exporter.elasticsearch.OtlpJson.writeCountIfSet;
import static dev.tailgate.exporter.elasticsearch.OtlpJson.writeIdIfSet;
import static dev.tailgate.exporter.elasticsearch.OtlpJson.writeIfNotEmpty;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;

/**
 * {@code mapping.mode: otel}: documents that keep OTLP's own structure and names, so nothing is
 * lost or renamed: {@code attributes}, {@code resource.attributes} and {@code scope.attributes}
 * stay apart, ids are hex, durations nanoseconds.
 */
final class OtelTranslator implements DocumentTranslator {

  @Override
  public void span(JsonGenerator out, ItemContext context, Span span) throws IOException {
    out.writeStartObject();
    out.writeStringField("@timestamp", OtlpJson.timestamp(span.getStartTimeUnixNano()));
    writeDataStream(out, context.target());
    writeIdIfSet(out, "trace_id", span.getTraceId());
    writeIdIfSet(out, "span_id", span.getSpanId());
    writeIdIfSet(out, "parent_span_id", span.getParentSpanId());
    writeIfNotEmpty(out, "trace_state", span.getTraceState());
    out.writeStringField("name", span.getName());
    out.writeStringField("kind", kindName(span.getKind()));
    out.writeNumberField(
        "duration", Math.max(0, span.getEndTimeUnixNano() - span.getStartTimeUnixNano()));
    writeStatus(out, span.getStatus());
    out.writeFieldName("attributes");
    OtlpJson.writeAttributes(out, span.getAttributesList());
    writeCountIfSet(out, "dropped_attributes_count", span.getDroppedAttributesCount());
    writeCountIfSet(out, "dropped_events_count", span.getDroppedEventsCount());
    writeCountIfSet(out, "dropped_links_count", span.getDroppedLinksCount());
    if (span.getEventsCount() > 0) {
      out.writeArrayFieldStart("events");
      for (Span.Event event : span.getEventsList()) {
        out.writeStartObject();
        out.writeStringField("name", event.getName());
        out.writeStringField("timestamp", OtlpJson.timestamp(event.getTimeUnixNano()));
        out.writeFieldName("attributes");
        OtlpJson.writeAttributes(out, event.getAttributesList());
        writeCountIfSet(out, "dropped_attributes_count", event.getDroppedAttributesCount());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    if (span.getLinksCount() > 0) {
      out.writeArrayFieldStart("links");
      for (Span.Link link : span.getLinksList()) {
        out.writeStartObject();
        writeIdIfSet(out, "trace_id", link.getTraceId());
        writeIdIfSet(out, "span_id", link.getSpanId());
        writeIfNotEmpty(out, "trace_state", link.getTraceState());
        out.writeFieldName("attributes");
        OtlpJson.writeAttributes(out, link.getAttributesList());
        writeCountIfSet(out, "dropped_attributes_count", link.getDroppedAttributesCount());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    writeResourceAndScope(out, context);
    out.writeEndObject();
  }

  @Override
  public void logRecord(JsonGenerator out, ItemContext context, LogRecord log) throws IOException {
    out.writeStartObject();
    long time = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    if (time != 0) {
      out.writeStringField("@timestamp", OtlpJson.timestamp(time));
    }
    if (log.getObservedTimeUnixNano() != 0) {
      out.writeStringField("observed_timestamp", OtlpJson.timestamp(log.getObservedTimeUnixNano()));
    }
    writeDataStream(out, context.target());
    writeIfNotEmpty(out, "severity_text", log.getSeverityText());
    if (log.getSeverityNumberValue() > 0) {
      out.writeNumberField("severity_number", log.getSeverityNumberValue());
    }
    writeIfNotEmpty(out, "event_name", log.getEventName());
    writeBody(out, log.getBody());
    writeIdIfSet(out, "trace_id", log.getTraceId());
    writeIdIfSet(out, "span_id", log.getSpanId());
    out.writeFieldName("attributes");
    OtlpJson.writeAttributes(out, log.getAttributesList());
    writeCountIfSet(out, "dropped_attributes_count", log.getDroppedAttributesCount());
    writeResourceAndScope(out, context);
    out.writeEndObject();
  }

  @Override
  public void dataPoint(JsonGenerator out, ItemContext context, MetricPoint point)
      throws IOException {
    Metric metric = point.metric();
    out.writeStartObject();
    out.writeStringField("@timestamp", OtlpJson.timestamp(point.timeUnixNano()));
    if (point.startTimeUnixNano() != 0) {
      out.writeStringField("start_timestamp", OtlpJson.timestamp(point.startTimeUnixNano()));
    }
    writeDataStream(out, context.target());
    out.writeObjectFieldStart("metric");
    out.writeStringField("name", metric.getName());
    writeIfNotEmpty(out, "unit", metric.getUnit());
    writeIfNotEmpty(out, "description", metric.getDescription());
    out.writeStringField("type", point.type());
    OtelPointValues.writeTemporality(out, metric);
    if (metric.hasSum()) {
      out.writeBooleanField("monotonic", metric.getSum().getIsMonotonic());
    }
    out.writeEndObject();
    OtelPointValues.writeValue(out, point);
    out.writeFieldName("attributes");
    OtlpJson.writeAttributes(out, point.attributes());
    writeResourceAndScope(out, context);
    out.writeEndObject();
  }

  static void writeDataStream(JsonGenerator out, Target target) throws IOException {
    if (target.dataStream().isEmpty()) {
      return;
    }
    DataStream stream = target.dataStream().get();
    out.writeObjectFieldStart("data_stream");
    out.writeStringField("type", stream.type());
    out.writeStringField("dataset", stream.dataset());
    out.writeStringField("namespace", stream.namespace());
    out.writeEndObject();
  }

  private static void writeStatus(JsonGenerator out, Status status) throws IOException {
    out.writeObjectFieldStart("status");
    out.writeStringField(
        "code",
        switch (status.getCode()) {
          case STATUS_CODE_OK -> "Ok";
          case STATUS_CODE_ERROR -> "Error";
          default -> "Unset";
        });
    writeIfNotEmpty(out, "message", status.getMessage());
    out.writeEndObject();
  }

  static String kindName(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_INTERNAL -> "Internal";
      case SPAN_KIND_SERVER -> "Server";
      case SPAN_KIND_CLIENT -> "Client";
      case SPAN_KIND_PRODUCER -> "Producer";
      case SPAN_KIND_CONSUMER -> "Consumer";
      default -> "Unspecified";
    };
  }

  /** A text body as {@code body.text}; maps and arrays as {@code body.structured}. */
  private static void writeBody(JsonGenerator out, AnyValue body) throws IOException {
    switch (body.getValueCase()) {
      case VALUE_NOT_SET -> {}
      case KVLIST_VALUE, ARRAY_VALUE -> {
        out.writeObjectFieldStart("body");
        out.writeFieldName("structured");
        OtlpJson.writeValue(out, body);
        out.writeEndObject();
      }
      case BYTES_VALUE -> {
        out.writeObjectFieldStart("body");
        out.writeFieldName("binary");
        OtlpJson.writeValue(out, body);
        out.writeEndObject();
      }
      default -> {
        out.writeObjectFieldStart("body");
        out.writeStringField("text", OtlpJson.text(body));
        out.writeEndObject();
      }
    }
  }

  private static void writeResourceAndScope(JsonGenerator out, ItemContext context)
      throws IOException {
    Resource resource = context.resource();
    out.writeObjectFieldStart("resource");
    out.writeFieldName("attributes");
    OtlpJson.writeAttributes(out, resource.getAttributesList());
    writeCountIfSet(out, "dropped_attributes_count", resource.getDroppedAttributesCount());
    out.writeEndObject();
    InstrumentationScope scope = context.scope();
    out.writeObjectFieldStart("scope");
    writeIfNotEmpty(out, "name", scope.getName());
    writeIfNotEmpty(out, "version", scope.getVersion());
    if (scope.getAttributesCount() > 0) {
      out.writeFieldName("attributes");
      OtlpJson.writeAttributes(out, scope.getAttributesList());
    }
    out.writeEndObject();
  }
}
