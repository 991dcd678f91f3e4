package dev.tailgate.processor.ottl;

import java.util.List;

/** The log context's paths. */
final class LogPaths {
  static final List<String> NAMES =
      ScopePaths.with(
          List.of(
              "body",
              "severity_number",
              "severity_text",
              "attributes",
              "trace_id",
              "trace_id.string",
              "span_id",
              "span_id.string",
              "time_unix_nano",
              "observed_time_unix_nano",
              "flags",
              "dropped_attributes_count"));

  private LogPaths() {}

  static Field<LogItem> resolve(String path) {
    return switch (path) {
      case "body" -> Field.indexable(i -> i.log().hasBody() ? i.log().getBody() : null);
      case "severity_number" -> Field.of(i -> (long) i.log().getSeverityNumberValue());
      case "severity_text" -> Field.of(i -> i.log().getSeverityText());
      case "attributes" -> Field.indexable(i -> new Attributes(i.log().getAttributesList()));
      case "trace_id" -> Field.of(i -> i.log().getTraceId());
      case "trace_id.string" -> Field.of(i -> Ids.hex(i.log().getTraceId()));
      case "span_id" -> Field.of(i -> i.log().getSpanId());
      case "span_id.string" -> Field.of(i -> Ids.hex(i.log().getSpanId()));
      case "time_unix_nano" -> Field.of(i -> i.log().getTimeUnixNano());
      case "observed_time_unix_nano" -> Field.of(i -> i.log().getObservedTimeUnixNano());
      case "flags" -> Field.of(i -> (long) i.log().getFlags());
      case "dropped_attributes_count" -> Field.of(i -> (long) i.log().getDroppedAttributesCount());
      default -> ScopePaths.resolve(path);
    };
  }
}
