package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.FactoryRegistry;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import java.util.List;
import java.util.Set;

/**
 * A registry of fake factories sharing one lifecycle log: receivers {@code otlp} (every signal) and
 * {@code prometheus} (metrics), processors {@code batch} (every signal) and {@code tail_sampling}
 * (traces), exporters {@code sink} (every signal) and {@code jaeger} (traces).
 */
final class FakeComponents {
  final LifecycleLog log = new LifecycleLog();
  final FakeReceiverFactory otlp = new FakeReceiverFactory("otlp", Set.copyOf(Signal.ALL), log);
  final FakeReceiverFactory prometheus =
      new FakeReceiverFactory("prometheus", Set.of(Signal.METRICS), log);
  final FakeProcessorFactory batch = new FakeProcessorFactory("batch", Set.copyOf(Signal.ALL), log);
  final FakeProcessorFactory tailSampling =
      new FakeProcessorFactory("tail_sampling", Set.of(Signal.TRACES), log);
  final FakeExporterFactory sink = new FakeExporterFactory("sink", Set.copyOf(Signal.ALL), log);
  final FakeExporterFactory jaeger = new FakeExporterFactory("jaeger", Set.of(Signal.TRACES), log);

  GraphPlanner planner() {
    FactoryRegistry registry =
        new FactoryRegistry(
            List.of(otlp, prometheus), List.of(batch, tailSampling), List.of(sink, jaeger));
    return new GraphPlanner(registry, new ConfigBinder());
  }
}
