package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ReceiverFactory;
import dev.tailgate.pipeline.SignalConsumers;

/** A configured receiver. */
record BoundReceiver<C>(ComponentId id, ReceiverFactory<C> factory, C config)
    implements BoundComponent {

  Receiver create(ComponentSettings settings, SignalConsumers next) {
    return factory.create(settings, config, next);
  }
}
