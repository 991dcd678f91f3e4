package dev.tailgate.pipeline;

/** One processor instance per pipeline that names it. */
public interface ProcessorFactory<C> extends Factory<C> {
  <T> Processor<T> create(ComponentSettings settings, C config, Signal<T> signal, Consumer<T> next);
}
