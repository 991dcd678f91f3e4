package dev.tailgate.pipeline.exporterhelper;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.wire.WireScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue whose batches are files in a {@link QueueDirectory}, so a restart after a crash sends
 * what was accepted and not yet sent: at least once, since a batch that was sent just before the
 * crash, but not yet deleted, is sent again.
 *
 * <p>The write and fsync happen when room is reserved, where a failure (a full disk) can still
 * refuse the batch cleanly; committing is only the rename that makes the file count. Once on disk a
 * batch leaves memory (its lease is released) and is read back when a sender takes it; so are the
 * files found at start, which are only listed then, not read: the queue's heap cost does not grow
 * with what is on disk, and {@code queue_size} bounds the disk.
 */
final class PersistentBatchQueue<T> implements BatchQueue<T> {
  private static final Logger log = LoggerFactory.getLogger(PersistentBatchQueue.class);

  private final QueueDirectory directory;
  private final Signal<T> signal;
  private final QueueSizer sizer;
  private final BoundedBuffer<QueuedBatch<T>> waiting;

  private PersistentBatchQueue(
      QueueDirectory directory,
      Signal<T> signal,
      QueueSizer sizer,
      BoundedBuffer<QueuedBatch<T>> waiting) {
    this.directory = directory;
    this.signal = signal;
    this.sizer = sizer;
    this.waiting = waiting;
  }

  /**
   * The queue of {@code directory}, holding the batches a previous run left there in their order.
   */
  static <T> PersistentBatchQueue<T> open(
      QueueDirectory directory, Signal<T> signal, QueueSizer sizer, long capacity) {
    List<QueuedBatch<T>> found = new ArrayList<>();
    long items = 0;
    for (Path file : directory.storedAtOpen()) {
      long bytes;
      try {
        bytes = Files.size(file);
      } catch (IOException e) {
        log.error("skipping {}: cannot read it ({})", file, e.toString());
        continue;
      }
      int count = QueueDirectory.itemsOf(file);
      Stored<T> stored = new Stored<>(file, directory, signal, count, sizeOf(sizer, bytes, count));
      found.add(stored);
      items += Math.max(0, count);
    }
    PersistentBatchQueue<T> queue =
        new PersistentBatchQueue<>(
            directory, signal, sizer, new BoundedBuffer<>(capacity, QueuedBatch::size, found));
    if (!found.isEmpty()) {
      log.info(
          "{}: {} batches ({} {}) stored by an earlier run will be sent",
          directory.path(),
          found.size(),
          items,
          signal.itemName());
    }
    if (queue.size() > capacity) {
      log.warn(
          "{}: holds {} {}, more than queue_size {}; new data is refused until it is below",
          directory.path(),
          queue.size(),
          sizer.configName(),
          capacity);
    }
    return queue;
  }

  private static long sizeOf(QueueSizer sizer, long bytes, int items) {
    return switch (sizer) {
      case BYTES -> bytes;
      case ITEMS -> Math.max(1, items);
      case REQUESTS -> 1;
    };
  }

  @Override
  public Optional<Slot> reserve(Batch<T> batch) throws IOException {
    long size = sizer.sizeOf(batch);
    if (!waiting.tryTakeRoom(size)) {
      return Optional.empty();
    }
    Path temp;
    try {
      temp = directory.writeTemp(batch.wire());
    } catch (IOException | RuntimeException e) {
      waiting.giveRoomBack(size);
      throw e;
    }
    return Optional.of(
        new Slot() {
          @Override
          public void commit() {
            try {
              Path file = directory.commit(temp, batch.items(), batch.tenant());
              waiting.put(new Stored<>(file, directory, signal, batch.items(), size));
              batch.release();
            } catch (IOException e) {
              // Refusing here would leave the batch at the fan-out's other exporters only; keeping
              // it in
              // memory loses it only if the gateway dies before sending it.
              log.error(
                  "{}: cannot store a batch ({}); it is kept in memory only",
                  directory.path(),
                  e.toString());
              directory.discard(temp);
              waiting.put(new InMemoryBatchQueue.Held<>(batch, size));
            }
          }

          @Override
          public void cancel() {
            directory.discard(temp);
            waiting.giveRoomBack(size);
          }
        });
  }

  @Override
  public void adopt(Batch<T> batch) {
    long size = sizer.sizeOf(batch);
    waiting.takeRoomAnyway(size);
    Path temp = null;
    try {
      temp = directory.writeTemp(batch.wire());
      Path file = directory.commit(temp, batch.items(), batch.tenant());
      waiting.put(new Stored<>(file, directory, signal, batch.items(), size));
      batch.release();
    } catch (IOException | RuntimeException e) {
      if (temp != null) {
        directory.discard(temp);
      }
      log.error(
          "{}: cannot store a handed-over batch ({}); it is kept in memory only",
          directory.path(),
          e.toString());
      waiting.put(new InMemoryBatchQueue.Held<>(batch, size));
    }
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

  /** A batch that waits on disk only; {@code items} is -1 when its file name does not say. */
  private record Stored<T>(
      Path file, QueueDirectory directory, Signal<T> signal, int items, long size)
      implements QueuedBatch<T> {

    /**
     * Reads the file and checks it is an export request of the signal: a file that is not (a disk
     * fault, a hand edit) is renamed aside, never sent.
     */
    @Override
    public Batch<T> batch() throws IOException {
      byte[] read = Files.readAllBytes(file);
      ByteString bytes = UnsafeByteOperations.unsafeWrap(read);
      int counted;
      try {
        counted = WireScanner.of(signal).scan(read, 0, read.length).items();
      } catch (InvalidProtocolBufferException e) {
        log.error(
            "skipping {}: not a {} batch ({}); renamed to *.corrupt",
            file,
            signal.name(),
            e.getMessage());
        directory.setAside(file);
        throw e;
      }
      return Batch.ofWire(signal, bytes, counted, Lease.NONE).from(QueueDirectory.tenantOf(file));
    }

    @Override
    public boolean survivesRestart() {
      return true;
    }

    @Override
    public void done() {
      directory.delete(file);
    }

    @Override
    public void abandon() {}
  }
}
