package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.pipeline.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Encodes a batch in one mode and reads the documents back as JSON trees, for assertions. */
final class Documents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Documents() {}

  static <T> List<Document> encode(Signal<T> signal, MappingMode mode, T batch) {
    return DocumentEncoder.forSignal(signal, mode.translator(), Optional.empty()).encode(batch);
  }

  static <T> List<JsonNode> sources(Signal<T> signal, MappingMode mode, T batch) {
    return encode(signal, mode, batch).stream().map(Documents::tree).toList();
  }

  static JsonNode tree(Document document) {
    try {
      return JSON.readTree(document.source());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
