package dev.tailgate.exporter.elasticsearch;

import java.nio.charset.StandardCharsets;

/** One document for the {@code _bulk} API: its target index or data stream and its JSON source. */
record Document(String index, byte[] source) {

  /** The JSON source as text, for logs and the dead letter file. */
  String sourceText() {
    return new String(source, StandardCharsets.UTF_8);
  }
}
