package dev.tailgate.processor.ottl;

import java.util.List;

/** The span context's paths. */
final class SpanPaths {
  static final List<String> NAMES =
      ScopePaths.with(
          List.of(
              "name",
              "kind",
              "kind.string",
              "status.code",
              "status.message",
              "attributes",
              "trace_id",
              "trace_id.string",
              "span_id",
              "span_id.string",
              "parent_span_id",
              "parent_span_id.string",
              "trace_state",
              "start_time_unix_nano",
              "end_time_unix_nano",
              "duration",
              "dropped_attributes_count",
              "dropped_events_count",
              "dropped_links_count",
              "flags"));

  /** {@code kind.string}: the names pdata gives span kinds. */
  private static final List<String> KIND_NAMES =
      List.of("Unspecified", "Internal", "Server", "Client", "Producer", "Consumer");

  private SpanPaths() {}

  static Field<SpanItem> resolve(String path) {
    return switch (path) {
      case "name" -> Field.of(i -> i.span().getName());
      case "kind" -> Field.of(i -> (long) i.span().getKindValue());
      case "kind.string" -> Field.of(i -> kindName(i.span().getKindValue()));
      case "status.code" -> Field.of(i -> (long) i.span().getStatus().getCodeValue());
      case "status.message" -> Field.of(i -> i.span().getStatus().getMessage());
      case "attributes" -> Field.indexable(i -> new Attributes(i.span().getAttributesList()));
      case "trace_id" -> Field.of(i -> i.span().getTraceId());
      case "trace_id.string" -> Field.of(i -> Ids.hex(i.span().getTraceId()));
      case "span_id" -> Field.of(i -> i.span().getSpanId());
      case "span_id.string" -> Field.of(i -> Ids.hex(i.span().getSpanId()));
      case "parent_span_id" -> Field.of(i -> i.span().getParentSpanId());
      case "parent_span_id.string" -> Field.of(i -> Ids.hex(i.span().getParentSpanId()));
      case "trace_state" -> Field.of(i -> i.span().getTraceState());
      case "start_time_unix_nano" -> Field.of(i -> i.span().getStartTimeUnixNano());
      case "end_time_unix_nano" -> Field.of(i -> i.span().getEndTimeUnixNano());
      // Tailgate's: OTTL has no path for it, and this subset no arithmetic to compute it.
      case "duration" ->
          Field.of(i -> i.span().getEndTimeUnixNano() - i.span().getStartTimeUnixNano());
      case "dropped_attributes_count" -> Field.of(i -> (long) i.span().getDroppedAttributesCount());
      case "dropped_events_count" -> Field.of(i -> (long) i.span().getDroppedEventsCount());
      case "dropped_links_count" -> Field.of(i -> (long) i.span().getDroppedLinksCount());
      case "flags" -> Field.of(i -> (long) i.span().getFlags());
      default -> ScopePaths.resolve(path);
    };
  }

  private static String kindName(int kind) {
    return kind >= 0 && kind < KIND_NAMES.size() ? KIND_NAMES.get(kind) : "";
  }
}
