package dev.tailgate.exporter.elasticsearch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tailgate.pipeline.Batch;
import java.util.List;
import java.util.Optional;

/**
 * The documents of a batch still to be sent after an attempt that indexed the others. The exporter
 * helper retries a batch by calling the sender again with the same {@link Batch} object, so the
 * remainder is kept under that object's identity (weakly: a batch the helper gave up on takes its
 * remainder with it when collected). An attempt claims the remainder atomically, so a batch object
 * delivered twice at once at worst has documents indexed twice, never lost.
 */
final class PendingDocuments<T> {
  private final Cache<Batch<T>, List<Document>> remaining =
      Caffeine.newBuilder().weakKeys().build();

  Optional<List<Document>> claim(Batch<T> batch) {
    return Optional.ofNullable(remaining.asMap().remove(batch));
  }

  void keep(Batch<T> batch, List<Document> documents) {
    remaining.put(batch, List.copyOf(documents));
  }
}
