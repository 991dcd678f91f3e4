package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code mapping.mode: none} and {@code raw}, the Collector's original document shape: OTLP field
 * names in upper camel case ({@code TraceId}, {@code SeverityText}, ...), resource attributes as
 * {@code Resource.<key>}, the scope as {@code Scope.name}/{@code Scope.version}, and the record's
 * attributes as {@code Attributes.<key>} ({@code none}) or under their own names ({@code raw}).
 * Data points are written as in ECS mode, which is how the Collector writes them in these modes
 * too.
 */
final class RawTranslator implements DocumentTranslator {
  private final String attributePrefix;
  private final EcsTranslator metrics = new EcsTranslator();

  private RawTranslator(String attributePrefix) {
    this.attributePrefix = attributePrefix;
  }

  /** {@code none}: record attributes under {@code Attributes.}. */
  static RawTranslator none() {
    return new RawTranslator("Attributes.");
  }

  /** {@code raw}: record attributes at the top level. */
  static RawTranslator raw() {
    return new RawTranslator("");
  }

  @Override
  public void span(JsonGenerator out, ItemContext context, Span span) throws IOException {
    out.writeStartObject();
    Set<String> written = new HashSet<>();
    field(out, written, "@timestamp", OtlpJson.timestamp(span.getStartTimeUnixNano()));
    field(out, written, "EndTimestamp", OtlpJson.timestamp(span.getEndTimeUnixNano()));
    id(out, written, "TraceId", span.getTraceId());
    id(out, written, "SpanId", span.getSpanId());
    id(out, written, "ParentSpanId", span.getParentSpanId());
    field(out, written, "Name", span.getName());
    field(out, written, "Kind", span.getKind().name());
    if (written.add("TraceStatus")) {
      out.writeNumberField("TraceStatus", span.getStatus().getCodeValue());
    }
    field(out, written, "TraceStatusDescription", span.getStatus().getMessage());
    if (written.add("Duration")) {
      // Microseconds, as the Collector writes them in these modes.
      out.writeNumberField(
          "Duration", Math.max(0, span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1000);
    }
    writeLinks(out, written, span.getLinksList());
    writeOrigin(out, written, context);
    writeAttributes(out, written, span.getAttributesList());
    out.writeEndObject();
  }

  @Override
  public void logRecord(JsonGenerator out, ItemContext context, LogRecord log) throws IOException {
    out.writeStartObject();
    Set<String> written = new HashSet<>();
    long time = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
    if (time != 0) {
      field(out, written, "@timestamp", OtlpJson.timestamp(time));
    }
    if (log.hasBody() && written.add("Body")) {
      out.writeFieldName("Body");
      OtlpJson.writeValue(out, log.getBody());
    }
    if (written.add("SeverityNumber")) {
      out.writeNumberField("SeverityNumber", log.getSeverityNumberValue());
    }
    field(out, written, "SeverityText", log.getSeverityText());
    if (written.add("TraceFlags")) {
      out.writeNumberField("TraceFlags", log.getFlags() & 0xff);
    }
    id(out, written, "TraceId", log.getTraceId());
    id(out, written, "SpanId", log.getSpanId());
    writeOrigin(out, written, context);
    writeAttributes(out, written, log.getAttributesList());
    out.writeEndObject();
  }

  @Override
  public void dataPoint(JsonGenerator out, ItemContext context, MetricPoint point)
      throws IOException {
    metrics.dataPoint(out, context, point);
  }

  private void writeAttributes(JsonGenerator out, Set<String> written, List<KeyValue> attributes)
      throws IOException {
    for (KeyValue attribute : attributes) {
      String name = attributePrefix + attribute.getKey();
      if (written.add(name)) {
        out.writeFieldName(name);
        OtlpJson.writeValue(out, attribute.getValue());
      }
    }
  }

  private static void writeOrigin(JsonGenerator out, Set<String> written, ItemContext context)
      throws IOException {
    for (KeyValue attribute : context.resource().getAttributesList()) {
      if (written.add("Resource." + attribute.getKey())) {
        out.writeFieldName("Resource." + attribute.getKey());
        OtlpJson.writeValue(out, attribute.getValue());
      }
    }
    InstrumentationScope scope = context.scope();
    field(out, written, "Scope.name", scope.getName());
    field(out, written, "Scope.version", scope.getVersion());
    for (KeyValue attribute : scope.getAttributesList()) {
      if (written.add("Scope." + attribute.getKey())) {
        out.writeFieldName("Scope." + attribute.getKey());
        OtlpJson.writeValue(out, attribute.getValue());
      }
    }
  }

  /** Links as one JSON text, as the Collector writes them here (kept out of the mapping). */
  private static void writeLinks(JsonGenerator out, Set<String> written, List<Span.Link> links)
      throws IOException {
    if (!written.add("Link")) {
      return;
    }
    StringBuilder text = new StringBuilder("[");
    for (Span.Link link : links) {
      if (text.length() > 1) {
        text.append(',');
      }
      text.append("{\"traceId\":\"")
          .append(OtlpJson.hex(link.getTraceId()))
          .append("\",\"spanId\":\"")
          .append(OtlpJson.hex(link.getSpanId()))
          .append("\"}");
    }
    out.writeStringField("Link", text.append(']').toString());
  }

  private static void field(JsonGenerator out, Set<String> written, String name, String value)
      throws IOException {
    if (!value.isEmpty() && written.add(name)) {
      out.writeStringField(name, value);
    }
  }

  private static void id(JsonGenerator out, Set<String> written, String name, ByteString id)
      throws IOException {
    if (!id.isEmpty() && written.add(name)) {
      out.writeStringField(name, OtlpJson.hex(id));
    }
  }
}
