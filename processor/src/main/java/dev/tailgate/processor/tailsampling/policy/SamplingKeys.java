package dev.tailgate.processor.tailsampling.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds a trace's {@link SamplingKey} from the key fields: {@code status_code} (OK, ERROR, UNSET)
 * and {@code name} are the span's own; any other field is an attribute of the span, else of its
 * resource ({@code service.name} is found there).
 */
final class SamplingKeys {
  static final String STATUS_CODE = "status_code";
  static final String NAME = "name";

  private final List<String> fields;

  SamplingKeys(List<String> fields) {
    this.fields = List.copyOf(fields);
  }

  SamplingKey of(TraceView trace) {
    List<List<String>> values = new ArrayList<>(fields.size());
    for (String field : fields) {
      TreeSet<String> distinct = new TreeSet<>();
      for (SpanRef ref : trace.spans()) {
        valueOf(field, ref).ifPresent(distinct::add);
      }
      values.add(List.copyOf(distinct));
    }
    return new SamplingKey(values);
  }

  private static Optional<String> valueOf(String field, SpanRef ref) {
    return switch (field) {
      case STATUS_CODE ->
          Optional.of(StatusCodePolicy.codeOf(ref).name().substring("STATUS_CODE_".length()));
      case NAME -> Optional.of(ref.span().getName());
      default -> AttributeValues.onSpanOrResource(ref, field).flatMap(AttributeValues::text);
    };
  }
}
