package dev.tailgate.bench.sink;

import java.util.concurrent.atomic.LongAdder;

/** Requests, items and encoded bytes received for one signal. */
final class SignalCounter {
  private final String itemName;
  private final LongAdder requests = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  SignalCounter(String itemName) {
    this.itemName = itemName;
  }

  void add(int itemCount, int byteCount) {
    requests.increment();
    items.add(itemCount);
    bytes.add(byteCount);
  }

  String itemName() {
    return itemName;
  }

  long requests() {
    return requests.sum();
  }

  long items() {
    return items.sum();
  }

  long bytes() {
    return bytes.sum();
  }
}
