package dev.tailgate.exporter.elasticsearch;

import dev.tailgate.pipeline.Signal;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _bulk} request bodies the exporter would post for one batch, made the way {@link
 * ElasticsearchSender} makes them (documents in the configured mapping mode and routing, cut at
 * {@code flush.bytes}) but not sent: the translation cost alone, for benchmarks outside this
 * package.
 */
public final class BulkBodies<T> {
  private final DocumentEncoder<T> encoder;
  private final long flushBytes;

  private BulkBodies(DocumentEncoder<T> encoder, long flushBytes) {
    this.encoder = encoder;
    this.flushBytes = flushBytes;
  }

  public static <T> BulkBodies<T> of(ElasticsearchExporterConfig config, Signal<T> signal) {
    return new BulkBodies<>(
        DocumentEncoder.forSignal(
            signal, config.mapping().mode().translator(), config.router(signal)),
        config.flush().bytes().bytes());
  }

  /** The ndjson bodies, in order: an action line and a source line per document. */
  public List<byte[]> of(T batch) {
    List<byte[]> bodies = new ArrayList<>();
    for (List<Document> request : BulkRequests.split(encoder.encode(batch), flushBytes)) {
      bodies.add(BulkRequests.body(request));
    }
    return bodies;
  }
}
