package dev.tailgate.processor.redaction;

import java.util.HashSet;
import java.util.Set;

/**
 * The Collector's names for the summary attributes: those about an attribute set, and those about a
 * log body (written to the log record's attributes).
 */
record SummaryKeys(
    String redactedKeys,
    String redactedCount,
    String maskedKeys,
    String maskedCount,
    String allowedKeys,
    String allowedCount,
    String ignoredCount) {

  static final SummaryKeys ATTRIBUTES = withPrefix("redaction.");
  static final SummaryKeys BODY = withPrefix("redaction.body.");

  private static SummaryKeys withPrefix(String prefix) {
    return new SummaryKeys(
        prefix + "redacted.keys",
        prefix + "redacted.count",
        prefix + "masked.keys",
        prefix + "masked.count",
        prefix + "allowed.keys",
        prefix + "allowed.count",
        prefix + "ignored.count");
  }

  Set<String> all() {
    return Set.of(
        redactedKeys,
        redactedCount,
        maskedKeys,
        maskedCount,
        allowedKeys,
        allowedCount,
        ignoredCount);
  }

  /**
   * Every summary attribute name; always allowed, so data passing a second redaction keeps its
   * summary.
   */
  static Set<String> everyName() {
    Set<String> names = new HashSet<>(ATTRIBUTES.all());
    names.addAll(BODY.all());
    return Set.copyOf(names);
  }
}
