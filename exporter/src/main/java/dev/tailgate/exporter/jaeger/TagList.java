package dev.tailgate.exporter.jaeger;

import dev.tailgate.exporter.jaeger.proto.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags or log fields in order, one per key. What the mapping derives (span.kind, status, error,
 * scope, dropped counts) replaces an attribute of the same key: Jaeger would otherwise show both,
 * and the spec lets the {@code error} flag override a previous value.
 */
final class TagList {
  private final Map<String, KeyValue> tags = new LinkedHashMap<>();

  /** An attribute: a later one with the same key wins, as an OTLP map would have it. */
  void attribute(KeyValue tag) {
    tags.put(tag.getKey(), tag);
  }

  /** An attribute of a wider scope (e.g. the instrumentation scope's): the span's own wins. */
  void inherited(KeyValue tag) {
    tags.putIfAbsent(tag.getKey(), tag);
  }

  /** A derived tag: replaces an attribute with the same key, and goes after the attributes. */
  void derived(KeyValue tag) {
    tags.remove(tag.getKey());
    tags.put(tag.getKey(), tag);
  }

  /** A dropped count (OTLP's uint32) as a derived tag; the spec records only counts above zero. */
  void count(String key, int unsignedCount) {
    if (unsignedCount != 0) {
      derived(JaegerTags.int64(key, Integer.toUnsignedLong(unsignedCount)));
    }
  }

  List<KeyValue> toList() {
    return new ArrayList<>(tags.values());
  }
}
