package dev.tailgate.pipeline.exporterhelper;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * A FIFO of weighted elements whose room is taken in a separate step before an element is put, so
 * the caller can decide between taking room and putting (or giving the room back). An element's
 * room returns when it is polled. Weights are bytes, items or 1 per element, as the sizer says.
 */
final class BoundedBuffer<E> {
  private final ArrayDeque<E> elements = new ArrayDeque<>();
  private final ToLongFunction<E> weight;
  private final long capacity;
  private long used;

  /**
   * Starts with {@code initial} already inside; they take room even beyond {@code capacity} (a
   * restart with a smaller queue_size keeps what was stored), leaving none until enough are polled.
   */
  BoundedBuffer(long capacity, ToLongFunction<E> weight, List<E> initial) {
    this.capacity = capacity;
    this.weight = weight;
    for (E element : initial) {
      elements.add(element);
      used += weight.applyAsLong(element);
    }
  }

  /**
   * Takes room for {@code size}. An element larger than the whole capacity is let into an empty
   * buffer, so that it can ever pass.
   */
  synchronized boolean tryTakeRoom(long size) {
    if (used + size > capacity && used > 0) {
      return false;
    }
    used += size;
    return true;
  }

  /**
   * Takes room for an element that must be let in whatever the fill (handed over from elsewhere).
   */
  synchronized void takeRoomAnyway(long size) {
    used += size;
  }

  synchronized void giveRoomBack(long size) {
    used -= size;
  }

  /** Puts an element whose room was taken. */
  synchronized void put(E element) {
    elements.add(element);
    notifyAll();
  }

  synchronized E poll(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (elements.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    E next = elements.poll();
    used -= weight.applyAsLong(next);
    return next;
  }

  synchronized List<E> takeAll() {
    List<E> all = new ArrayList<>(elements);
    elements.clear();
    for (E element : all) {
      used -= weight.applyAsLong(element);
    }
    return all;
  }

  /** Elements waiting. */
  synchronized int count() {
    return elements.size();
  }

  /** Room taken, by waiting elements and reservations not yet put. */
  synchronized long used() {
    return used;
  }

  long capacity() {
    return capacity;
  }
}
