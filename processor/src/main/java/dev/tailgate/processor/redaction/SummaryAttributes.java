package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes {@link Findings} as summary attributes, as the Collector does: at info the counts, at
 * debug also the comma-separated, sorted key paths. Values already there (from an earlier redaction
 * in the chain) are added to rather than overwritten.
 */
final class SummaryAttributes {
  private static final String SEPARATOR = ",";

  private final SummaryLevel level;

  SummaryAttributes(SummaryLevel level) {
    this.level = level;
  }

  /** {@code attributes} with the summary of {@code findings}; the same list when there is none. */
  List<KeyValue> append(List<KeyValue> attributes, Findings findings, SummaryKeys keys) {
    if (level == SummaryLevel.SILENT || findings.isEmpty()) {
      return attributes;
    }
    List<KeyValue> out = new ArrayList<>(attributes.size() + 4);
    out.addAll(attributes);
    put(
        out,
        keys.redactedKeys(),
        keys.redactedCount(),
        findings.redactedPaths(),
        findings.redactedCount());
    put(out, keys.maskedKeys(), keys.maskedCount(), findings.maskedPaths(), findings.maskedCount());
    put(
        out,
        keys.allowedKeys(),
        keys.allowedCount(),
        findings.allowedPaths(),
        findings.allowedCount());
    put(out, null, keys.ignoredCount(), List.of(), findings.ignoredCount());
    return out;
  }

  private void put(
      List<KeyValue> attributes, String keysName, String countName, List<String> paths, int count) {
    if (count == 0) {
      return;
    }
    if (level == SummaryLevel.DEBUG && keysName != null) {
      TreeSet<String> sorted = new TreeSet<>(paths);
      int existing = indexOf(attributes, keysName);
      if (existing >= 0) {
        String before = attributes.get(existing).getValue().getStringValue();
        if (!before.isEmpty()) {
          sorted.addAll(Arrays.asList(before.split(SEPARATOR)));
        }
      }
      set(attributes, existing, string(keysName, String.join(SEPARATOR, sorted)));
    }
    int existing = indexOf(attributes, countName);
    long total = count + (existing >= 0 ? attributes.get(existing).getValue().getIntValue() : 0);
    set(attributes, existing, integer(countName, total));
  }

  private static int indexOf(List<KeyValue> attributes, String key) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.get(i).getKey().equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static void set(List<KeyValue> attributes, int index, KeyValue attribute) {
    if (index >= 0) {
      attributes.set(index, attribute);
    } else {
      attributes.add(attribute);
    }
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }
}
