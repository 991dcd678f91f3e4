package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Consumer;
import java.util.List;

/** A receiver named by several pipelines of one signal hands each batch to all of them. */
final class PipelineFanOut<T> implements Consumer<T> {
  private final List<Consumer<T>> pipelines;

  PipelineFanOut(List<Consumer<T>> pipelines) {
    this.pipelines = List.copyOf(pipelines);
  }

  @Override
  public void consume(T batch) {
    RuntimeException first = null;
    for (Consumer<T> pipeline : pipelines) {
      try {
        pipeline.consume(batch);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
