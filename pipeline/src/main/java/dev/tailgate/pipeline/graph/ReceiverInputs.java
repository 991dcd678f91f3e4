package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import dev.tailgate.pipeline.SignalMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, while a graph is built, the first consumer of every pipeline that names a receiver;
 * then joins them into what the receiver feeds, one consumer per signal.
 */
final class ReceiverInputs {
  private static final SignalMap.Kind ENTRIES = new SignalMap.Kind("pipeline entries");

  private final Map<ComponentId, SignalMap> byReceiver = new HashMap<>();

  <T> void add(ComponentId receiver, Signal<T> signal, Consumer<T> entry) {
    SignalMap entries = byReceiver.getOrDefault(receiver, SignalMap.empty());
    List<Consumer<T>> pipelines = new ArrayList<>(entries.get(key(signal)).orElse(List.of()));
    pipelines.add(entry);
    byReceiver.put(receiver, entries.with(key(signal), List.copyOf(pipelines)));
  }

  /** Per signal, the one pipeline that names {@code receiver}, or a fan-out to all of them. */
  SignalConsumers of(ComponentId receiver) {
    SignalMap entries = byReceiver.getOrDefault(receiver, SignalMap.empty());
    SignalConsumers next = SignalConsumers.none();
    for (Signal<?> signal : Signal.ALL) {
      next = joined(next, entries, signal);
    }
    return next;
  }

  private static <T> SignalConsumers joined(
      SignalConsumers next, SignalMap entries, Signal<T> signal) {
    List<Consumer<T>> pipelines = entries.get(key(signal)).orElse(List.of());
    if (pipelines.isEmpty()) {
      return next;
    }
    return next.with(
        signal, pipelines.size() == 1 ? pipelines.get(0) : new PipelineFanOut<>(pipelines));
  }

  private static <T> SignalMap.Key<List<Consumer<T>>> key(Signal<T> signal) {
    return ENTRIES.key(signal);
  }
}
