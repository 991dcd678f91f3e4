package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code _bulk} request bodies for a list of documents: ndjson, a {@code create} action line
 * before each source line. {@code create} because data streams take no other operation, and it
 * indexes into plain indices too.
 */
final class BulkRequests {
  private BulkRequests() {}

  /**
   * Cuts {@code documents} into runs whose bodies are at most {@code maxBytes}, in order; a
   * document larger than that on its own forms a run alone.
   */
  static List<List<Document>> split(List<Document> documents, long maxBytes) {
    List<List<Document>> runs = new ArrayList<>();
    List<Document> run = new ArrayList<>();
    long runBytes = 0;
    Map<String, byte[]> actions = new HashMap<>();
    for (Document document : documents) {
      long size = bodyBytes(document, actions);
      if (!run.isEmpty() && runBytes + size > maxBytes) {
        runs.add(run);
        run = new ArrayList<>();
        runBytes = 0;
      }
      run.add(document);
      runBytes += size;
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  static byte[] body(List<Document> documents) {
    Map<String, byte[]> actions = new HashMap<>();
    long size = 0;
    for (Document document : documents) {
      size += bodyBytes(document, actions);
    }
    ByteArrayOutputStream body =
        new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
    for (Document document : documents) {
      body.writeBytes(actions.get(document.index()));
      body.write('\n');
      body.writeBytes(document.source());
      body.write('\n');
    }
    return body.toByteArray();
  }

  private static long bodyBytes(Document document, Map<String, byte[]> actions) {
    return actions.computeIfAbsent(document.index(), BulkRequests::actionLine).length
        + document.source().length
        + 2;
  }

  private static byte[] actionLine(String index) {
    String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(index));
    return ("{\"create\":{\"_index\":\"" + quoted + "\"}}").getBytes(StandardCharsets.UTF_8);
  }
}
