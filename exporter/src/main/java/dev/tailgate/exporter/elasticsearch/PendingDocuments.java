package dev.tailgate.exporter.elasticsearch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tailgate.pipeline.Batch;
import java.util.List;
import java.util.Optional;

/**
 * The documents of a batch still to be sent after an attempt that indexed the others, with how many
 * times they have been sent again so far. The exporter helper retries a batch by calling the sender
 * again with the same {@link Batch} object, so the remainder is kept under that object's identity
 * (weakly: a batch the helper gave up on takes its remainder with it when collected). An attempt
 * claims the remainder atomically, so a batch object delivered twice at once at worst has documents
 * indexed twice, never lost.
 */
final class PendingDocuments<T> {
  /** What is left of a batch, and the number of retries already made. */
  record Remainder(List<Document> documents, int retries) {}

  private final Cache<Batch<T>, Remainder> remaining = Caffeine.newBuilder().weakKeys().build();

  Optional<Remainder> claim(Batch<T> batch) {
    return Optional.ofNullable(remaining.asMap().remove(batch));
  }

  void keep(Batch<T> batch, List<Document> documents, int retries) {
    remaining.put(batch, new Remainder(List.copyOf(documents), retries));
  }
}
