package dev.tailgate.pipeline.exporterhelper;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.EncodedForms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue whose batches are also files in a {@link QueueDirectory}, so a restart after a crash
 * sends what was accepted and not yet sent: at least once, since a batch that was sent just before
 * the crash, but not yet deleted, is sent again.
 *
 * <p>The write and fsync happen when room is reserved, where a failure (a full disk) can still
 * refuse the batch cleanly; committing is only the rename that makes the file count.
 */
final class PersistentBatchQueue<T> implements BatchQueue<T> {
  private static final Logger log = LoggerFactory.getLogger(PersistentBatchQueue.class);

  private final QueueDirectory directory;
  private final Signal<T> signal;
  private final EncodedForms forms;
  private final BoundedBuffer<Stored<T>> waiting;

  private PersistentBatchQueue(
      QueueDirectory directory, Signal<T> signal, EncodedForms forms, BoundedBuffer<Stored<T>> waiting) {
    this.directory = directory;
    this.signal = signal;
    this.forms = forms;
    this.waiting = waiting;
  }

  /**
   * The queue of {@code directory}, holding the batches a previous run left there in their order.
   * A file that does not parse is set aside and logged; it never stops the start.
   */
  static <T> PersistentBatchQueue<T> open(
      QueueDirectory directory, Signal<T> signal, int capacity, EncodedForms forms) {
    List<Stored<T>> loaded = new ArrayList<>();
    long items = 0;
    for (Path file : directory.storedAtOpen()) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        T batch = signal.parse(bytes);
        // Sent as read: the exporter can forward these bytes instead of encoding the batch again.
        forms.remember(batch, UnsafeByteOperations.unsafeWrap(bytes));
        loaded.add(new Stored<>(batch, file, directory));
        items += signal.count(batch);
      } catch (InvalidProtocolBufferException e) {
        log.error("skipping {}: not a {} batch ({}); renamed to *.corrupt", file, signal.name(), e.getMessage());
        directory.setAside(file);
      } catch (IOException e) {
        log.error("skipping {}: cannot read it ({})", file, e.toString());
      }
    }
    if (!loaded.isEmpty()) {
      log.info(
          "{}: {} batches ({} {}) stored by an earlier run will be sent",
          directory.path(), loaded.size(), items, signal.itemName());
    }
    if (loaded.size() > capacity) {
      log.warn(
          "{}: holds {} batches, more than queue_size {}; new data is refused until it is below",
          directory.path(), loaded.size(), capacity);
    }
    return new PersistentBatchQueue<>(directory, signal, forms, new BoundedBuffer<>(capacity, loaded));
  }

  @Override
  public Optional<Slot> reserve(T batch) throws IOException {
    if (!waiting.tryTakeRoom()) {
      return Optional.empty();
    }
    Path temp;
    try {
      temp = directory.writeTemp(encoded(batch));
    } catch (IOException | RuntimeException e) {
      waiting.giveRoomBack();
      throw e;
    }
    return Optional.of(new Slot() {
      @Override
      public void commit() {
        Path file;
        try {
          file = directory.commit(temp);
        } catch (IOException e) {
          // Refusing here would leave the batch at the fan-out's other exporters only; keeping it in
          // memory loses it only if the gateway dies before sending it.
          log.error("{}: cannot store a batch ({}); it is kept in memory only", directory.path(), e.toString());
          directory.discard(temp);
          file = null;
        }
        waiting.put(new Stored<>(batch, file, directory));
      }

      @Override
      public void cancel() {
        directory.discard(temp);
        waiting.giveRoomBack();
      }
    });
  }

  private ByteString encoded(T batch) {
    ByteString arrived = forms.encodedOrNull(batch);
    return arrived != null ? arrived : UnsafeByteOperations.unsafeWrap(signal.encode(batch));
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

  /** A batch and its file; the file is null when it could not be stored. */
  private record Stored<T>(T batch, Path file, QueueDirectory directory) implements QueuedBatch<T> {
    @Override
    public boolean survivesRestart() {
      return file != null;
    }

    @Override
    public void done() {
      if (file != null) {
        directory.delete(file);
      }
    }
  }
}
