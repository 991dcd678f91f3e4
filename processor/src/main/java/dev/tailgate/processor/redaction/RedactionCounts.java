package dev.tailgate.processor.redaction;

/** What redaction did to one batch, for the self-metrics. Used by one thread at a time. */
final class RedactionCounts {
  private long redactedKeys;
  private long maskedValues;
  private Findings uncounted;

  void keyRedacted() {
    redactedKeys++;
  }

  void valueMasked() {
    maskedValues++;
  }

  long redactedKeys() {
    return redactedKeys;
  }

  long maskedValues() {
    return maskedValues;
  }

  /**
   * One findings object for the whole batch when no summary is written, to spare an allocation per
   * attribute set.
   */
  Findings sharedFindings() {
    if (uncounted == null) {
      uncounted = new Findings(this, SummaryLevel.SILENT);
    }
    return uncounted;
  }
}
