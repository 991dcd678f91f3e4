package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Signal;

/** A pipeline's key in {@code service.pipelines}: the signal, optionally {@code /name}. */
public record PipelineId(Signal<?> signal, String name) {

  public static PipelineId parse(String id) {
    int slash = id.indexOf('/');
    Signal<?> signal = Signal.byName(slash < 0 ? id : id.substring(0, slash));
    String name = slash < 0 ? "" : id.substring(slash + 1);
    if (slash >= 0 && name.isEmpty()) {
      throw new IllegalArgumentException("\"" + id + "\" has an empty name after '/'");
    }
    return new PipelineId(signal, name);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? signal.name() : signal.name() + "/" + name;
  }
}
