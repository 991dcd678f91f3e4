package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The exporters of a graph being built: one per id and signal, made when the first pipeline names
 * it and shared by the others.
 */
final class BuiltExporters {
  private static final SignalMap.Kind EXPORTER = new SignalMap.Kind("exporter");

  private final Function<ComponentId, ComponentSettings> settings;
  private final Map<GraphPlan.ExporterKey, ReplaceableExporter<?>> inOrder = new LinkedHashMap<>();
  private final Map<ComponentId, SignalMap> byId = new HashMap<>();

  BuiltExporters(Function<ComponentId, ComponentSettings> settings) {
    this.settings = settings;
  }

  /** The exporter {@code spec} of {@code signal}, made now if no pipeline has named it yet. */
  <T> ReplaceableExporter<T> get(BoundExporter<?> spec, Signal<T> signal) {
    SignalMap ofId = byId.getOrDefault(spec.id(), SignalMap.empty());
    return ofId.get(key(signal))
        .orElseGet(
            () -> {
              GraphPlan.ExporterKey key = new GraphPlan.ExporterKey(spec.id(), signal);
              ReplaceableExporter<T> place =
                  new ReplaceableExporter<>(
                      key.name(), signal, spec.create(settings.apply(spec.id()), signal));
              inOrder.put(key, place);
              byId.put(spec.id(), ofId.with(key(signal), place));
              return place;
            });
  }

  /** Every exporter, in the order they were made: the order of the config's pipelines. */
  Map<GraphPlan.ExporterKey, ReplaceableExporter<?>> inOrder() {
    return Collections.unmodifiableMap(inOrder);
  }

  private static <T> SignalMap.Key<ReplaceableExporter<T>> key(Signal<T> signal) {
    return EXPORTER.key(signal);
  }
}
