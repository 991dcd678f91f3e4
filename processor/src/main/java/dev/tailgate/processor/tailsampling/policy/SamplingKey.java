package dev.tailgate.processor.tailsampling.policy;

import java.util.List;

/**
 * What the dynamic policy groups traces by: for each key field, the distinct values found on the
 * trace's spans, sorted (a trace with an OK and an ERROR span differs from an all-OK one).
 */
record SamplingKey(List<List<String>> fieldValues) {
  /**
   * The shared group of the keys past {@code max_keys}; no real key is empty, since key_fields is
   * not.
   */
  static final SamplingKey OVERFLOW = new SamplingKey(List.of());

  SamplingKey {
    fieldValues = fieldValues.stream().map(List::copyOf).toList();
  }
}
