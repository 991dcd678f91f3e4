package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;

/** A configured processor; each pipeline that names it gets an instance of its own. */
record BoundProcessor<C>(ComponentId id, ProcessorFactory<C> factory, C config)
    implements BoundComponent {

  <T> Processor<T> create(ComponentSettings settings, Signal<T> signal, Consumer<T> next) {
    return factory.create(settings, config, signal, next);
  }
}
