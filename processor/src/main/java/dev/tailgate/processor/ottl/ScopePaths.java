package dev.tailgate.processor.ottl;

import java.util.List;

/** {@code resource.*} and {@code instrumentation_scope.*}, the same in every context. */
final class ScopePaths {
  static final List<String> NAMES =
      List.of(
          "resource.attributes",
          "resource.dropped_attributes_count",
          "instrumentation_scope.name",
          "instrumentation_scope.version",
          "instrumentation_scope.attributes",
          "instrumentation_scope.dropped_attributes_count");

  private ScopePaths() {}

  static <I extends Scoped> Field<I> resolve(String path) {
    return switch (path) {
      case "resource.attributes" ->
          Field.indexable(i -> new Attributes(i.resource().getAttributesList()));
      case "resource.dropped_attributes_count" ->
          Field.of(i -> (long) i.resource().getDroppedAttributesCount());
      case "instrumentation_scope.name" -> Field.of(i -> i.scope().getName());
      case "instrumentation_scope.version" -> Field.of(i -> i.scope().getVersion());
      case "instrumentation_scope.attributes" ->
          Field.indexable(i -> new Attributes(i.scope().getAttributesList()));
      case "instrumentation_scope.dropped_attributes_count" ->
          Field.of(i -> (long) i.scope().getDroppedAttributesCount());
      default -> null;
    };
  }

  static List<String> with(List<String> own) {
    return java.util.stream.Stream.concat(own.stream(), NAMES.stream()).toList();
  }
}
