package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import java.util.List;

/**
 * A receiver named by several pipelines of one signal hands each batch to all of them; each
 * pipeline owns its own reference to the batch. A refusal by one pipeline is passed to the caller
 * after the others have had the batch, so a client's retry may duplicate data in those: pipelines
 * buffer independently (batching, tail sampling), so an all-or-nothing admission cannot be had here
 * the way {@link ExporterFanOut} has it at the exporters' queues.
 */
final class PipelineFanOut<T> implements Consumer<T> {
  private final List<Consumer<T>> pipelines;

  PipelineFanOut(List<Consumer<T>> pipelines) {
    this.pipelines = List.copyOf(pipelines);
  }

  @Override
  public void consume(Batch<T> batch) {
    RuntimeException first = null;
    for (Consumer<T> pipeline : pipelines) {
      // Each pipeline gets a reference of its own, so the caller's stays the caller's either way.
      batch.retain();
      try {
        pipeline.consume(batch);
      } catch (RuntimeException e) {
        batch.release();
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    batch.release();
  }
}
