package dev.tailgate.pipeline.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * What the fake components of one graph did, in order, e.g. {@code start exporter sink (traces)}.
 */
final class LifecycleLog {
  private final List<String> events = new ArrayList<>();

  synchronized void add(String event) {
    events.add(event);
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized void clear() {
    events.clear();
  }
}
