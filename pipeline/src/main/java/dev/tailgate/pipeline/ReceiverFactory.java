package dev.tailgate.pipeline;

/** One receiver instance per component id serves every signal its pipelines need. */
public interface ReceiverFactory<C> extends Factory<C> {
  Receiver create(ComponentSettings settings, C config, SignalConsumers next);
}
