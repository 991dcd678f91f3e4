package dev.tailgate.pipeline;

/** One exporter instance per component id and signal, shared by the pipelines of that signal. */
public interface ExporterFactory<C> extends Factory<C> {
  <T> Exporter<T> create(ComponentSettings settings, C config, Signal<T> signal);
}
