package dev.tailgate.processor.ottl;

import java.util.List;

/** The span event context's paths; {@code span.*} reads the event's span. */
final class SpanEventPaths {
  static final List<String> NAMES =
      ScopePaths.with(
          List.of(
              "name",
              "time_unix_nano",
              "attributes",
              "dropped_attributes_count",
              "span.<any span path>"));

  private SpanEventPaths() {}

  static Field<SpanEventItem> resolve(String path) {
    return switch (path) {
      case "name" -> Field.of(i -> i.event().getName());
      case "time_unix_nano" -> Field.of(i -> i.event().getTimeUnixNano());
      case "attributes" -> Field.indexable(i -> new Attributes(i.event().getAttributesList()));
      case "dropped_attributes_count" ->
          Field.of(i -> (long) i.event().getDroppedAttributesCount());
      default -> {
        if (path.startsWith("span.")) {
          Field<SpanItem> field = SpanPaths.resolve(path.substring("span.".length()));
          yield field == null ? null : field.from(SpanEventItem::span);
        }
        yield ScopePaths.resolve(path);
      }
    };
  }
}
