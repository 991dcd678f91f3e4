package dev.tailgate.processor.batch;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the batches taken from the buffer into those passed on: joined into one per tenant, each
 * split to {@code send_batch_max_size}. Runs outside any lock, since splitting parses. Owns what it
 * is given: the parts' leases move to the joined batches, and one it drops it releases.
 */
final class BatchShaper<T> implements UnaryOperator<List<Batch<T>>> {
  private static final Logger log = LoggerFactory.getLogger(BatchShaper.class);

  private final String name;
  private final Signal<T> signal;
  private final Counter dropped;

  /** Replaced by a reload; applies to the next batches passed, including those waiting. */
  private volatile int maxSize;

  BatchShaper(String name, Signal<T> signal, Counter dropped, int maxSize) {
    this.name = name;
    this.signal = signal;
    this.dropped = dropped;
    this.maxSize = maxSize;
  }

  void maxSize(int sendBatchMaxSize) {
    this.maxSize = sendBatchMaxSize;
  }

  @Override
  public List<Batch<T>> apply(List<Batch<T>> taken) {
    List<Batch<T>> fitted = new ArrayList<>();
    byTenant(taken).forEach(batch -> fitted.addAll(fitToMaxSize(batch)));
    return fitted;
  }

  /**
   * One batch per tenant: data of different senders is never joined, so an exporter can tell a
   * backend whose it is.
   */
  private static <T> List<Batch<T>> byTenant(List<Batch<T>> taken) {
    Map<String, List<Batch<T>>> byTenant = new LinkedHashMap<>();
    for (Batch<T> batch : taken) {
      byTenant.computeIfAbsent(batch.tenant(), t -> new ArrayList<>()).add(batch);
    }
    List<Batch<T>> merged = new ArrayList<>(byTenant.size());
    byTenant.values().forEach(parts -> merged.add(Batch.concat(parts)));
    return merged;
  }

  /**
   * Batches of at most send_batch_max_size items, each owning its share of the leases. Only an
   * oversized batch is parsed (split returns a batch that fits as it is).
   */
  private List<Batch<T>> fitToMaxSize(Batch<T> merged) {
    int max = maxSize;
    if (max == 0) {
      return List.of(merged);
    }
    try {
      return merged.split(max);
    } catch (PermanentException e) {
      // The bytes do not parse: no component after this one could read them either.
      log.error(
          "batch processor {} dropped {} {}: {}",
          name,
          merged.items(),
          signal.itemName(),
          e.getMessage());
      dropped.increment(merged.items());
      merged.release();
      return List.of();
    }
  }
}
