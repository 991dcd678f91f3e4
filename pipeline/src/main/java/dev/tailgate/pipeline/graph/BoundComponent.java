package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Factory;

/**
 * A configured component: its id, its factory and its bound, validated config. Each kind's record
 * keeps the factory and the config under one type parameter, so creating the component needs no
 * cast.
 */
sealed interface BoundComponent permits BoundReceiver, BoundProcessor, BoundExporter {
  ComponentId id();

  Factory<?> factory();
}
