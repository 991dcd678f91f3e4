package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;

/** A configured exporter; each signal it serves gets an instance of its own. */
record BoundExporter<C>(ComponentId id, ExporterFactory<C> factory, C config)
    implements BoundComponent {

  <T> Exporter<T> create(ComponentSettings settings, Signal<T> signal) {
    return factory.create(settings, config, signal);
  }
}
