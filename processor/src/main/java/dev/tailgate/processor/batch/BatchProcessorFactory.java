package dev.tailgate.processor.batch;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import java.util.Set;

public final class BatchProcessorFactory implements ProcessorFactory<BatchConfig> {

  @Override
  public String type() {
    return "batch";
  }

  @Override
  public Class<BatchConfig> configType() {
    return BatchConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Processor<T> create(
      ComponentSettings settings, BatchConfig config, Signal<T> signal, Consumer<T> next) {
    return new BatchProcessor<>(settings, config, signal, next);
  }
}
