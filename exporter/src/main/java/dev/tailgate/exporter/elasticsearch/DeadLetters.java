package dev.tailgate.exporter.elasticsearch;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents refused for good are never dropped silently: they are counted in {@code
 * tailgate.exporter.elasticsearch.dead_lettered.<items>}, summed up in one WARN line per bulk
 * request with the first reason, and kept by the sink. Should the dead letter file fail, they are
 * logged in full instead.
 */
final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final String exporter;
  private final DeadLetterSink sink;
  private final DeadLetterLog fallback;
  private final Counter counter;

  DeadLetters(String exporter, DeadLetterSink sink, Counter counter) {
    this.exporter = exporter;
    this.sink = sink;
    this.fallback = new DeadLetterLog(exporter);
    this.counter = counter;
  }

  void add(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return;
    }
    counter.increment(letters.size());
    DeadLetter first = letters.get(0);
    log.warn(
        "exporter {}: {} document(s) refused by the backend, {}; first: {} HTTP {}: {}",
        exporter,
        letters.size(),
        sink.describe(),
        first.document().index(),
        first.status(),
        first.reason());
    try {
      sink.write(letters);
    } catch (IOException | RuntimeException e) {
      log.error(
          "exporter {}: cannot keep refused documents ({}); logging them instead",
          exporter,
          e.toString());
      fallback.write(letters);
    }
  }
}
