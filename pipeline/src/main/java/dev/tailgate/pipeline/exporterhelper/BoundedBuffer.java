package dev.tailgate.pipeline.exporterhelper;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO whose room is taken in a separate step before an element is put, so the caller can decide
 * between taking room and putting (or giving the room back). Room returns when an element is
 * polled.
 */
final class BoundedBuffer<E> {
  private final LinkedBlockingQueue<E> elements = new LinkedBlockingQueue<>();
  private final Semaphore room;
  private final int capacity;

  /**
   * Starts with {@code initial} already inside; they take room even beyond {@code capacity}
   * (a restart with a smaller queue_size keeps what was stored), leaving none until enough are
   * polled.
   */
  BoundedBuffer(int capacity, List<E> initial) {
    this.capacity = capacity;
    this.room = new Semaphore(capacity - initial.size());
    this.elements.addAll(initial);
  }

  boolean tryTakeRoom() {
    return room.tryAcquire();
  }

  void giveRoomBack() {
    room.release();
  }

  /** Puts an element whose room was taken. */
  void put(E element) {
    elements.add(element);
  }

  E poll(long wait, TimeUnit unit) throws InterruptedException {
    E next = elements.poll(wait, unit);
    if (next != null) {
      room.release();
    }
    return next;
  }

  List<E> takeAll() {
    List<E> all = new ArrayList<>();
    for (E next; (next = elements.poll()) != null; ) {
      room.release();
      all.add(next);
    }
    return all;
  }

  int size() {
    return elements.size();
  }

  int capacity() {
    return capacity;
  }
}
