package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.HashSet;

/**
 * {@code mapping.mode: bodymap}, as the Collector defines it: a log record whose body is a map is
 * written as exactly that map, nothing added, for senders that shape the whole document themselves.
 * Any other body, and spans and data points, cannot be written in this mode.
 */
final class BodyMapTranslator implements DocumentTranslator {

  @Override
  public void span(JsonGenerator out, ItemContext context, Span span) {
    throw new UnmappableItemException("spans cannot be written in mapping mode bodymap");
  }

  @Override
  public void logRecord(JsonGenerator out, ItemContext context, LogRecord log) throws IOException {
    if (log.getBody().getValueCase() != AnyValue.ValueCase.KVLIST_VALUE) {
      throw new UnmappableItemException(
          "a log record whose body is not a map cannot be written in mapping mode bodymap");
    }
    out.writeStartObject();
    OtlpJson.writeAttributeFields(
        out, log.getBody().getKvlistValue().getValuesList(), new HashSet<>());
    out.writeEndObject();
  }

  @Override
  public void dataPoint(JsonGenerator out, ItemContext context, MetricPoint point) {
    throw new UnmappableItemException("data points cannot be written in mapping mode bodymap");
  }
}
