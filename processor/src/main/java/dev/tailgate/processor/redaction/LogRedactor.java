package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.List;

/**
 * Log record attributes and log bodies (strings, maps and arrays, nested). The body's summary goes
 * to the record's attributes under {@code redaction.body.*}.
 */
final class LogRedactor {
  private final AttributeRedactor attributes;

  LogRedactor(AttributeRedactor attributes) {
    this.attributes = attributes;
  }

  LogRecord record(LogRecord record, RedactionCounts counts) {
    List<KeyValue> attributesIn = record.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    AnyValue bodyIn = record.getBody();
    AnyValue bodyOut = bodyIn;
    if (record.hasBody()) {
      Findings bodyFindings = attributes.findings(counts);
      bodyOut = attributes.redactBody(bodyIn, bodyFindings);
      attributesOut = attributes.summarize(attributesOut, bodyFindings, SummaryKeys.BODY);
    }
    if (attributesOut == attributesIn && bodyOut == bodyIn) {
      return record;
    }
    LogRecord.Builder builder = record.toBuilder();
    if (attributesOut != attributesIn) {
      builder.clearAttributes().addAllAttributes(attributesOut);
    }
    if (bodyOut != bodyIn) {
      builder.setBody(bodyOut);
    }
    return builder.build();
  }
}
