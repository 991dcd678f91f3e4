package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes processors that log their lifecycle and each batch they pass on unchanged; one configured
 * with {@code label: fail-start} throws from start.
 */
final class FakeProcessorFactory implements ProcessorFactory<FakeConfig> {
  private final String type;
  private final Set<Signal<?>> signals;
  private final LifecycleLog log;
  private final List<FakeProcessor<?>> created = new ArrayList<>();

  FakeProcessorFactory(String type, Set<Signal<?>> signals, LifecycleLog log) {
    this.type = type;
    this.signals = signals;
    this.log = log;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Class<FakeConfig> configType() {
    return FakeConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return signals;
  }

  @Override
  public <T> Processor<T> create(
      ComponentSettings settings, FakeConfig config, Signal<T> signal, Consumer<T> next) {
    FakeProcessor<T> processor =
        new FakeProcessor<>(settings.id(), signal, next, log, "fail-start".equals(config.label()));
    created.add(processor);
    return processor;
  }

  List<FakeProcessor<?>> created() {
    return List.copyOf(created);
  }

  record FakeProcessor<T>(
      ComponentId id, Signal<T> signal, Consumer<T> next, LifecycleLog log, boolean failsToStart)
      implements Processor<T> {
    @Override
    public void consume(Batch<T> batch) {
      log.add("processor " + id + " passes " + batch.items() + " " + signal.itemName());
      next.consume(batch);
    }

    @Override
    public void start() {
      log.add("start processor " + id);
      if (failsToStart) {
        throw new IllegalStateException(id + " refuses to start");
      }
    }

    @Override
    public void shutdown() {
      log.add("shutdown processor " + id);
    }
  }
}
