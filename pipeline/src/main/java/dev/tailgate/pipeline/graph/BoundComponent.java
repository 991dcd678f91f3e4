package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentKind;
import dev.tailgate.pipeline.Factory;

/** A configured component: its id, its factory and its bound, validated config. */
record BoundComponent(ComponentKind kind, ComponentId id, Factory<?> factory, Object config) {}
