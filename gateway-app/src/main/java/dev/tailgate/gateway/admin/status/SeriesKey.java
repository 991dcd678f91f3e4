package dev.tailgate.gateway.admin.status;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.util.LinkedHashMap;
import java.util.Map;

/** One counter series: its Micrometer name (dotted, as registered) and its tags. */
record SeriesKey(String name, Map<String, String> tags) {
  SeriesKey {
    tags = Map.copyOf(tags);
  }

  static SeriesKey of(Meter.Id id) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : id.getTagsAsIterable()) {
      tags.put(tag.getKey(), tag.getValue());
    }
    return new SeriesKey(id.getName(), tags);
  }

  /**
   * This name, and every tag of {@code required} with the same value (other tags are summed over).
   */
  boolean matches(String name, Map<String, String> required) {
    if (!this.name.equals(name)) {
      return false;
    }
    for (Map.Entry<String, String> tag : required.entrySet()) {
      if (!tag.getValue().equals(tags.get(tag.getKey()))) {
        return false;
      }
    }
    return true;
  }

  String tag(String key) {
    return tags.getOrDefault(key, "");
  }
}
