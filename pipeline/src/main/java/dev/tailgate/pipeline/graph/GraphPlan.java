package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalConsumers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A validated graph, ready to be built into components. */
public final class GraphPlan {
  private final List<ResolvedPipeline> pipelines;
  private final List<String> warnings;

  GraphPlan(List<ResolvedPipeline> pipelines, List<String> warnings) {
    this.pipelines = pipelines;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Keys accepted without the effect they have in the Collector, each with its path and why ({@link
   * dev.tailgate.pipeline.config.ConfigErrors#warn}); {@code check} prints them, the server logs
   * them.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** This plan with {@code more} warnings found by checks outside the graph. */
  public GraphPlan withWarnings(List<String> more) {
    List<String> all = new ArrayList<>(warnings);
    more.stream().filter(w -> !all.contains(w)).forEach(all::add);
    return new GraphPlan(pipelines, all);
  }

  public List<PipelineId> pipelineIds() {
    return pipelines.stream().map(ResolvedPipeline::id).toList();
  }

  /**
   * Creates the components in reverse data order, so that each one's {@code next} exists: exporters
   * (one per id and signal), then each pipeline's processors from last to first, then receivers
   * (one per id, fed by every pipeline that names it).
   */
  public ServiceGraph build(Function<ComponentId, ComponentSettings> settings) {
    BuiltExporters exporters = new BuiltExporters(settings);
    Map<PipelineId, List<Processor<?>>> processors = new LinkedHashMap<>();
    Map<ComponentId, BoundReceiver<?>> receiverSpecs = new LinkedHashMap<>();
    ReceiverInputs receiverInputs = new ReceiverInputs();

    for (ResolvedPipeline pipeline : pipelines) {
      buildPipeline(
          pipeline.id().signal(),
          pipeline,
          exporters,
          processors,
          receiverSpecs,
          receiverInputs,
          settings);
    }

    Map<ComponentId, ServiceGraph.RunningReceiver> receivers = new LinkedHashMap<>();
    receiverSpecs.forEach(
        (id, spec) -> {
          SignalConsumers next = receiverInputs.of(id);
          receivers.put(
              id,
              new ServiceGraph.RunningReceiver(spec.create(settings.apply(id), next), spec, next));
        });

    return new ServiceGraph(receivers, processors, exporters.inOrder(), settings);
  }

  /** The receiver {@code id} as this plan configures it, if a pipeline uses it. */
  Optional<BoundReceiver<?>> receiver(ComponentId id) {
    return pipelines.stream()
        .flatMap(pipeline -> pipeline.receivers().stream())
        .filter(spec -> spec.id().equals(id))
        .findFirst();
  }

  /** The exporter {@code id} as this plan configures it, if a pipeline uses it. */
  Optional<BoundExporter<?>> exporter(ComponentId id) {
    return pipelines.stream()
        .flatMap(pipeline -> pipeline.exporters().stream())
        .filter(spec -> spec.id().equals(id))
        .findFirst();
  }

  /**
   * Builds one pipeline from its exporters back to its first processor, and records that first
   * consumer as an input of each of its receivers.
   */
  private static <T> void buildPipeline(
      Signal<T> signal,
      ResolvedPipeline pipeline,
      BuiltExporters exporters,
      Map<PipelineId, List<Processor<?>>> processors,
      Map<ComponentId, BoundReceiver<?>> receiverSpecs,
      ReceiverInputs receiverInputs,
      Function<ComponentId, ComponentSettings> settings) {
    List<Exporter<T>> outputs = new ArrayList<>();
    for (BoundExporter<?> spec : pipeline.exporters()) {
      outputs.add(exporters.get(spec, signal));
    }
    Consumer<T> next = new ExporterFanOut<>(outputs);
    List<Processor<?>> chain = new ArrayList<>();
    List<BoundProcessor<?>> specs = pipeline.processors();
    for (int i = specs.size() - 1; i >= 0; i--) {
      BoundProcessor<?> spec = specs.get(i);
      Processor<T> processor = spec.create(settings.apply(spec.id()), signal, next);
      chain.add(0, processor);
      next = processor;
    }
    processors.put(pipeline.id(), List.copyOf(chain));
    for (BoundReceiver<?> receiver : pipeline.receivers()) {
      receiverSpecs.put(receiver.id(), receiver);
      receiverInputs.add(receiver.id(), signal, next);
    }
  }

  record ExporterKey(ComponentId id, Signal<?> signal) {
    /** As the status page and health checks name it. */
    String name() {
      return id + " (" + signal.name() + ")";
    }
  }
}
