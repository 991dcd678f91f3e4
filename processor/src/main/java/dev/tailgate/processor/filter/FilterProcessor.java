package dev.tailgate.processor.filter;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.processor.ottl.OttlEvaluationException;

/**
 * Drops matching items on the caller's thread and passes the rest on. A batch in which nothing
 * matched goes on as the very same batch (its arrival bytes); a changed one as its {@link
 * Batch#replacedBy replacement} under the same leases; one with nothing left is released here,
 * since no one downstream will own it. Holds no data, so there is nothing to flush.
 */
final class FilterProcessor<T> implements Processor<T> {
  private final String name;
  private final ItemFilter<T> filter;
  private final Consumer<T> next;

  FilterProcessor(String name, ItemFilter<T> filter, Consumer<T> next) {
    this.name = name;
    this.filter = filter;
    this.next = next;
  }

  @Override
  public void consume(Batch<T> batch) {
    T request = batch.request();
    T filtered;
    try {
      filtered = filter.filter(request);
    } catch (OttlEvaluationException e) {
      // error_mode propagate: as in the Collector, the error goes back to the sender and the batch
      // is not passed on; the caller still owns it.
      throw new PermanentException(
          this + ": a condition failed (error_mode propagate): " + e.getMessage(), e);
    }
    if (filtered == request) {
      next.consume(batch);
      return;
    }
    Batch<T> replaced = batch.replacedBy(filtered);
    if (replaced.items() == 0) {
      replaced.release();
      return;
    }
    next.consume(replaced);
  }

  @Override
  public String toString() {
    return "processor " + name;
  }
}
