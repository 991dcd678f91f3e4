package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.RetryableException;
import java.util.ArrayList;
import java.util.List;

/** An exporter with room for a fixed number of batches, recording commits and cancels. */
final class RoomExporter<T> implements Exporter<T> {
  private final String name;
  private int room;
  private final List<T> committed = new ArrayList<>();
  private int cancelled;

  RoomExporter(String name, int room) {
    this.name = name;
    this.room = room;
  }

  @Override
  public synchronized Reservation reserve(Batch<T> batch) {
    if (room == 0) {
      throw new RetryableException(name + " is full");
    }
    room--;
    return new Reservation() {
      @Override
      public void commit() {
        synchronized (RoomExporter.this) {
          committed.add(batch.request());
          batch.release();
        }
      }

      @Override
      public void cancel() {
        synchronized (RoomExporter.this) {
          cancelled++;
          room++;
        }
      }
    };
  }

  @Override
  public void consume(Batch<T> batch) {
    reserve(batch).commit();
  }

  synchronized int room() {
    return room;
  }

  synchronized List<T> committed() {
    return List.copyOf(committed);
  }

  synchronized int cancelled() {
    return cancelled;
  }
}
