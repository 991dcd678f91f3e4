package dev.tailgate.processor.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * What redaction did to one attribute set (or one log body), for its summary attributes; every
 * finding also counts in the batch's {@link RedactionCounts}. Key paths are kept only at summary
 * level debug, the only one that writes them.
 */
final class Findings {
  private final RedactionCounts counts;
  private final boolean keepsPaths;
  private final List<String> redacted = new ArrayList<>(0);
  private final List<String> masked = new ArrayList<>(0);
  private final List<String> allowed = new ArrayList<>(0);
  private int redactedCount;
  private int maskedCount;
  private int allowedCount;
  private int ignoredCount;

  Findings(RedactionCounts counts, SummaryLevel level) {
    this.counts = counts;
    this.keepsPaths = level == SummaryLevel.DEBUG;
  }

  /** Whether callers need to build key paths (they cost a string each). */
  boolean keepsPaths() {
    return keepsPaths;
  }

  void redacted(String path) {
    counts.keyRedacted();
    redactedCount++;
    if (keepsPaths) {
      redacted.add(path);
    }
  }

  void masked(String path) {
    counts.valueMasked();
    maskedCount++;
    if (keepsPaths) {
      masked.add(path);
    }
  }

  void allowed(String path) {
    allowedCount++;
    if (keepsPaths) {
      allowed.add(path);
    }
  }

  void ignored() {
    ignoredCount++;
  }

  boolean isEmpty() {
    return redactedCount == 0 && maskedCount == 0 && allowedCount == 0 && ignoredCount == 0;
  }

  List<String> redactedPaths() {
    return redacted;
  }

  List<String> maskedPaths() {
    return masked;
  }

  List<String> allowedPaths() {
    return allowed;
  }

  int redactedCount() {
    return redactedCount;
  }

  int maskedCount() {
    return maskedCount;
  }

  int allowedCount() {
    return allowedCount;
  }

  int ignoredCount() {
    return ignoredCount;
  }
}
