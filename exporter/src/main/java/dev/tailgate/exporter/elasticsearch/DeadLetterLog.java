package dev.tailgate.exporter.elasticsearch;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without a dead letter file: each refused document is logged in full at WARN. */
final class DeadLetterLog implements DeadLetterSink {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

  private final String exporter;

  DeadLetterLog(String exporter) {
    this.exporter = exporter;
  }

  @Override
  public void write(List<DeadLetter> letters) {
    for (DeadLetter letter : letters) {
      log.warn(
          "exporter {}: {} refused a document (HTTP {}: {}): {}",
          exporter,
          letter.document().index(),
          letter.status(),
          letter.reason(),
          letter.document().sourceText());
    }
  }

  @Override
  public String describe() {
    return "logged in full (no dead_letter.path)";
  }
}
