package dev.tailgate.pipeline.exporterhelper;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Batches held in memory only: what is queued is lost if the process dies. */
final class InMemoryBatchQueue<T> implements BatchQueue<T> {
  private final BoundedBuffer<Held<T>> waiting;

  InMemoryBatchQueue(int capacity) {
    this.waiting = new BoundedBuffer<>(capacity, List.of());
  }

  @Override
  public Optional<Slot> reserve(T batch) {
    if (!waiting.tryTakeRoom()) {
      return Optional.empty();
    }
    return Optional.of(new Slot() {
      @Override
      public void commit() {
        waiting.put(new Held<>(batch));
      }

      @Override
      public void cancel() {
        waiting.giveRoomBack();
      }
    });
  }

  @Override
  public QueuedBatch<T> poll(Duration wait) throws InterruptedException {
    return waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public int size() {
    return waiting.size();
  }

  @Override
  public int capacity() {
    return waiting.capacity();
  }

  @Override
  public List<QueuedBatch<T>> takeAll() {
    return List.copyOf(waiting.takeAll());
  }

  private record Held<T>(T batch) implements QueuedBatch<T> {
    @Override
    public boolean survivesRestart() {
      return false;
    }

    @Override
    public void done() {}
  }
}
