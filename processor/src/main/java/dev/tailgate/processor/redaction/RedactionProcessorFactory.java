package dev.tailgate.processor.redaction;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import java.util.Set;

public final class RedactionProcessorFactory implements ProcessorFactory<RedactionConfig> {

  @Override
  public String type() {
    return "redaction";
  }

  @Override
  public Class<RedactionConfig> configType() {
    return RedactionConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Processor<T> create(
      ComponentSettings settings, RedactionConfig config, Signal<T> signal, Consumer<T> next) {
    return new RedactionProcessor<>(settings, signal, config, next);
  }
}
