package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of one series, later puts winning. Remote write wants them sorted by name, and an
 * empty value means "no such label" to Prometheus, so those are left out.
 */
final class LabelsBuilder {
  private final TreeMap<String, String> labels = new TreeMap<>();

  /**
   * Attributes under sanitized names (or their own, unless {@code escape}). Keys that sanitize to
   * the same name (e.g. {@code a.b} and {@code a-b}) get their values joined with {@code ;}, in the
   * order of the original keys.
   */
  static Map<String, String> fromAttributes(List<KeyValue> attributes, boolean escape) {
    List<KeyValue> byKey = new ArrayList<>(attributes);
    byKey.sort(Comparator.comparing(KeyValue::getKey));
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue attribute : byKey) {
      String name = escape ? PrometheusNames.labelName(attribute.getKey()) : attribute.getKey();
      if (name.isEmpty()) {
        continue;
      }
      String value = AttributeValues.text(attribute.getValue());
      out.merge(name, value, (first, second) -> first + ";" + second);
    }
    return out;
  }

  LabelsBuilder putAll(Map<String, String> more) {
    labels.putAll(more);
    return this;
  }

  LabelsBuilder put(String name, String value) {
    labels.put(name, value);
    return this;
  }

  /** Adds the labels not already present (external labels never override the data's own). */
  LabelsBuilder putAbsent(Map<String, String> defaults) {
    defaults.forEach(labels::putIfAbsent);
    return this;
  }

  List<Label> build() {
    List<Label> out = new ArrayList<>(labels.size());
    labels.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            out.add(Label.newBuilder().setName(name).setValue(value).build());
          }
        });
    return out;
  }
}
