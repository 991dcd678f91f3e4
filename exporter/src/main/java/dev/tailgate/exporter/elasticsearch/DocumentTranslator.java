package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;

/**
 * Writes one item as one document, in the shape of one {@code mapping.mode}. Pure: the document
 * depends on its arguments only.
 */
interface DocumentTranslator {
  void span(JsonGenerator out, ItemContext context, Span span) throws IOException;

  void logRecord(JsonGenerator out, ItemContext context, LogRecord log) throws IOException;

  void dataPoint(JsonGenerator out, ItemContext context, MetricPoint point) throws IOException;
}
