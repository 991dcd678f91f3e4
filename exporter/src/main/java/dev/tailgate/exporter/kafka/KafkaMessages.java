package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as the records it is written as: keyed parts (or the whole batch, unkeyed), each fitted
 * to the size limit. An untouched batch that needs no splitting is one record holding its arrival
 * bytes, without parsing or encoding.
 */
final class KafkaMessages<T> {
  private final KafkaEncoding encoding;
  private final Keying<T> keying;
  private final SizeSplitter<T> splitter;

  /** {@code keying} null: the batch is not split by key and its records have none. */
  KafkaMessages(KafkaEncoding encoding, Keying<T> keying, SizeSplitter<T> splitter) {
    this.encoding = encoding;
    this.keying = keying;
    this.splitter = splitter;
  }

  List<KafkaMessage> of(Batch<T> batch) {
    if (keying == null) {
      return asIs(batch, null);
    }
    List<Keyed<T>> parts = keying.apart(batch);
    if (parts.size() == 1 && parts.get(0).whole()) {
      return asIs(batch, parts.get(0).key());
    }
    List<KafkaMessage> out = new ArrayList<>(parts.size());
    for (Keyed<T> part : parts) {
      if (part.encoded() != null) {
        out.addAll(splitter.fitEncoded(part.key(), part.encoded(), part.items()));
      } else {
        out.addAll(splitter.fit(part.key(), part.request()));
      }
    }
    return out;
  }

  private List<KafkaMessage> asIs(Batch<T> batch, byte[] key) {
    if (encoding == KafkaEncoding.OTLP_PROTO && splitter.fits(key, batch.bytes())) {
      return List.of(new KafkaMessage(key, batch.wire(), batch.items()));
    }
    return splitter.fit(key, batch.request());
  }
}
