package dev.tailgate.gateway.admin.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The readings of about the last {@code span}: enough to tell how much each counter moved in that
 * time. The oldest kept reading is the newest one at least {@code span} old, so a full window is
 * always a little over {@code span} rather than under it.
 */
final class CounterWindow {
  private final Duration span;
  private final Deque<CounterReading> readings = new ArrayDeque<>();

  CounterWindow(Duration span) {
    this.span = span;
  }

  synchronized void add(CounterReading reading) {
    readings.addLast(reading);
    var horizon = reading.at().minus(span);
    while (readings.size() > 1 && !secondOldest().at().isAfter(horizon)) {
      readings.removeFirst();
    }
  }

  /**
   * What the changes are measured from: the oldest kept reading, or {@code current} before the
   * first one.
   */
  synchronized CounterReading baseline(CounterReading current) {
    return readings.isEmpty() ? current : readings.getFirst();
  }

  synchronized int size() {
    return readings.size();
  }

  private CounterReading secondOldest() {
    var iterator = readings.iterator();
    iterator.next();
    return iterator.next();
  }
}
