package dev.tailgate.pipeline.exporterhelper;

import dev.tailgate.pipeline.Batch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Batches held in memory only: what is queued is lost if the process dies. */
final class InMemoryBatchQueue<T> implements BatchQueue<T> {
  private final QueueSizer sizer;
  private final BoundedBuffer<QueuedBatch<T>> waiting;

  InMemoryBatchQueue(QueueSizer sizer, long capacity) {
    this.sizer = sizer;
    this.waiting = new BoundedBuffer<>(capacity, QueuedBatch::size, List.of());
  }

  @Override
  public Optional<Slot> reserve(Batch<T> batch) {
    long size = sizer.sizeOf(batch);
    if (!waiting.tryTakeRoom(size)) {
      return Optional.empty();
    }
    return Optional.of(
        new Slot() {
          @Override
          public void commit() {
            waiting.put(new Held<>(batch, size));
          }

          @Override
          public void cancel() {
            waiting.giveRoomBack(size);
          }
        });
  }

  @Override
  public void adopt(Batch<T> batch) {
    long size = sizer.sizeOf(batch);
    waiting.takeRoomAnyway(size);
    waiting.put(new Held<>(batch, size));
  }

  @Override
  public QueuedBatch<T> poll(Duration wait) throws InterruptedException {
    return waiting.poll(wait);
  }

  @Override
  public long size() {
    return waiting.used();
  }

  @Override
  public long capacity() {
    return waiting.capacity();
  }

  @Override
  public List<QueuedBatch<T>> takeAll() {
    return waiting.takeAll();
  }

  /** A batch in memory, owned by the queue until done. */
  record Held<T>(Batch<T> batch, long size) implements QueuedBatch<T> {
    @Override
    public int items() {
      return batch.items();
    }

    @Override
    public boolean survivesRestart() {
      return false;
    }

    @Override
    public void done() {
      batch.release();
    }

    @Override
    public void abandon() {
      batch.release();
    }
  }
}
