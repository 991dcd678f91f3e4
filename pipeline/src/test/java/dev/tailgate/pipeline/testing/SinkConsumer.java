package dev.tailgate.pipeline.testing;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Collects what it is given, for tests: the parsed requests and the bytes they came as.
 * Thread-safe; can wait until N items arrived. It is the batches' last holder, so it releases them.
 */
public final class SinkConsumer<T> implements Consumer<T> {
  private final Signal<T> signal;
  private final List<T> batches = new ArrayList<>();
  private final List<ByteString> wires = new ArrayList<>();
  private final List<String> tenants = new ArrayList<>();
  private final List<Origin> origins = new ArrayList<>();
  private int items;

  public SinkConsumer(Signal<T> signal) {
    this.signal = signal;
  }

  @Override
  public synchronized void consume(Batch<T> batch) {
    batches.add(batch.request());
    wires.add(batch.wire());
    tenants.add(batch.tenant());
    origins.add(batch.origin());
    items += batch.items();
    batch.release();
    notifyAll();
  }

  public synchronized List<T> batches() {
    return List.copyOf(batches);
  }

  /** The encoded form of each batch, as an exporter would write it. */
  public synchronized List<ByteString> wires() {
    return List.copyOf(wires);
  }

  /** The tenant of each batch, in the order of {@link #batches()}. */
  public synchronized List<String> tenants() {
    return List.copyOf(tenants);
  }

  /** The connection each batch arrived on, in the order of {@link #batches()}. */
  public synchronized List<Origin> origins() {
    return List.copyOf(origins);
  }

  public synchronized int items() {
    return items;
  }

  /** All batches merged into one. */
  public synchronized T merged() {
    return signal.merge(batches.isEmpty() ? List.of() : List.copyOf(batches));
  }

  /** Waits until at least {@code count} items arrived; false on timeout. */
  public synchronized boolean awaitItems(int count, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (items < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
