package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Attribute look-ups over a trace's spans and the resources they came with. */
final class AttributeValues {
  private AttributeValues() {}

  /**
   * Whether any span of the trace, or any resource of its spans, has attribute {@code key} with a
   * value that {@code matches}.
   */
  static boolean anyMatches(TraceView trace, String key, Predicate<AnyValue> matches) {
    Object lastResource = null;
    for (SpanRef ref : trace.spans()) {
      // Spans of one request share their resource instance: check each resource once per run.
      if (ref.resource() != null && ref.resource() != lastResource) {
        lastResource = ref.resource();
        if (matches(ref.resource().getAttributesList(), key, matches)) {
          return true;
        }
      }
      if (matches(ref.span().getAttributesList(), key, matches)) {
        return true;
      }
    }
    return false;
  }

  /** The value of attribute {@code key} on the span, else on its resource. */
  static Optional<AnyValue> onSpanOrResource(SpanRef ref, String key) {
    Optional<AnyValue> onSpan = find(ref.span().getAttributesList(), key);
    if (onSpan.isPresent() || ref.resource() == null) {
      return onSpan;
    }
    return find(ref.resource().getAttributesList(), key);
  }

  /**
   * A scalar value as text (strings, booleans, numbers); empty for arrays, maps, bytes and unset
   * values.
   */
  static Optional<String> text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> Optional.of(value.getStringValue());
      case BOOL_VALUE -> Optional.of(Boolean.toString(value.getBoolValue()));
      case INT_VALUE -> Optional.of(Long.toString(value.getIntValue()));
      case DOUBLE_VALUE -> Optional.of(Double.toString(value.getDoubleValue()));
      default -> Optional.empty();
    };
  }

  private static boolean matches(
      List<KeyValue> attributes, String key, Predicate<AnyValue> matches) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key) && matches.test(attribute.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<AnyValue> find(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return Optional.of(attribute.getValue());
      }
    }
    return Optional.empty();
  }
}
