package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.SinkConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Makes exporters that log their lifecycle and keep what they are given. */
final class FakeExporterFactory implements ExporterFactory<FakeConfig> {
  private final String type;
  private final Set<Signal<?>> signals;
  private final LifecycleLog log;
  private final List<FakeExporter<?>> created = new ArrayList<>();

  FakeExporterFactory(String type, Set<Signal<?>> signals, LifecycleLog log) {
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
  public <T> Exporter<T> create(ComponentSettings settings, FakeConfig config, Signal<T> signal) {
    FakeExporter<T> exporter =
        new FakeExporter<>(settings.id(), signal, new SinkConsumer<>(signal), log);
    created.add(exporter);
    return exporter;
  }

  List<FakeExporter<?>> created() {
    return List.copyOf(created);
  }

  record FakeExporter<T>(ComponentId id, Signal<T> signal, SinkConsumer<T> sink, LifecycleLog log)
      implements Exporter<T> {
    @Override
    public void consume(Batch<T> batch) {
      sink.consume(batch);
    }

    @Override
    public void start() {
      log.add("start exporter " + id + " (" + signal.name() + ")");
    }

    @Override
    public void shutdown() {
      log.add("shutdown exporter " + id + " (" + signal.name() + ")");
    }
  }
}
