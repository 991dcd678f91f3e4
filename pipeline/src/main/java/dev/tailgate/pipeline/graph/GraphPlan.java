package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ReceiverFactory;
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

  GraphPlan(List<ResolvedPipeline> pipelines) {
    this.pipelines = pipelines;
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
    Map<ExporterKey, ReplaceableExporter<?>> exporters = new LinkedHashMap<>();
    Map<PipelineId, List<Processor<?>>> processors = new LinkedHashMap<>();
    Map<ComponentId, BoundComponent> receiverSpecs = new LinkedHashMap<>();
    Map<ComponentId, Map<Signal<?>, List<Consumer<?>>>> receiverInputs = new LinkedHashMap<>();

    for (ResolvedPipeline pipeline : pipelines) {
      Consumer<?> entry =
          buildPipeline(pipeline.id().signal(), pipeline, exporters, processors, settings);
      for (BoundComponent receiver : pipeline.receivers()) {
        receiverSpecs.put(receiver.id(), receiver);
        receiverInputs
            .computeIfAbsent(receiver.id(), id -> new LinkedHashMap<>())
            .computeIfAbsent(pipeline.id().signal(), s -> new ArrayList<>())
            .add(entry);
      }
    }

    Map<ComponentId, ServiceGraph.RunningReceiver> receivers = new LinkedHashMap<>();
    receiverSpecs.forEach(
        (id, spec) -> {
          Map<Signal<?>, List<Consumer<?>>> inputs = receiverInputs.get(id);
          SignalConsumers next =
              new SignalConsumers(
                  joined(inputs, Signal.TRACES),
                  joined(inputs, Signal.METRICS),
                  joined(inputs, Signal.LOGS));
          receivers.put(
              id,
              new ServiceGraph.RunningReceiver(
                  createReceiver(spec, settings.apply(id), next), spec, next));
        });

    return new ServiceGraph(receivers, processors, exporters, settings);
  }

  /** The receiver {@code id} as this plan configures it, if a pipeline uses it. */
  Optional<BoundComponent> receiver(ComponentId id) {
    return pipelines.stream()
        .flatMap(pipeline -> pipeline.receivers().stream())
        .filter(spec -> spec.id().equals(id))
        .findFirst();
  }

  /** The exporter {@code id} as this plan configures it, if a pipeline uses it. */
  Optional<BoundComponent> exporter(ComponentId id) {
    return pipelines.stream()
        .flatMap(pipeline -> pipeline.exporters().stream())
        .filter(spec -> spec.id().equals(id))
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private static <T> Consumer<T> buildPipeline(
      Signal<T> signal,
      ResolvedPipeline pipeline,
      Map<ExporterKey, ReplaceableExporter<?>> exporters,
      Map<PipelineId, List<Processor<?>>> processors,
      Function<ComponentId, ComponentSettings> settings) {
    List<Exporter<T>> outputs = new ArrayList<>();
    for (BoundComponent spec : pipeline.exporters()) {
      outputs.add(
          (Exporter<T>)
              exporters.computeIfAbsent(
                  new ExporterKey(spec.id(), signal),
                  key ->
                      new ReplaceableExporter<>(
                          key.name(), createExporter(spec, settings.apply(spec.id()), signal))));
    }
    Consumer<T> next = new ExporterFanOut<>(outputs);
    List<Processor<?>> chain = new ArrayList<>();
    List<BoundComponent> specs = pipeline.processors();
    for (int i = specs.size() - 1; i >= 0; i--) {
      BoundComponent spec = specs.get(i);
      Processor<T> processor = createProcessor(spec, settings.apply(spec.id()), signal, next);
      chain.add(0, processor);
      next = processor;
    }
    processors.put(pipeline.id(), List.copyOf(chain));
    return next;
  }

  @SuppressWarnings("unchecked")
  private static <T> Optional<Consumer<T>> joined(
      Map<Signal<?>, List<Consumer<?>>> inputs, Signal<T> signal) {
    List<Consumer<?>> consumers = inputs.get(signal);
    if (consumers == null || consumers.isEmpty()) {
      return Optional.empty();
    }
    List<Consumer<T>> typed = consumers.stream().map(c -> (Consumer<T>) c).toList();
    return Optional.of(typed.size() == 1 ? typed.get(0) : new PipelineFanOut<>(typed));
  }

  @SuppressWarnings("unchecked")
  static <C> Receiver createReceiver(
      BoundComponent spec, ComponentSettings settings, SignalConsumers next) {
    ReceiverFactory<C> factory = (ReceiverFactory<C>) spec.factory();
    return factory.create(settings, (C) spec.config(), next);
  }

  @SuppressWarnings("unchecked")
  private static <C, T> Processor<T> createProcessor(
      BoundComponent spec, ComponentSettings settings, Signal<T> signal, Consumer<T> next) {
    ProcessorFactory<C> factory = (ProcessorFactory<C>) spec.factory();
    return factory.create(settings, (C) spec.config(), signal, next);
  }

  @SuppressWarnings("unchecked")
  static <C, T> Exporter<T> createExporter(
      BoundComponent spec, ComponentSettings settings, Signal<T> signal) {
    ExporterFactory<C> factory = (ExporterFactory<C>) spec.factory();
    return factory.create(settings, (C) spec.config(), signal);
  }

  record ExporterKey(ComponentId id, Signal<?> signal) {
    /** As the status page and health checks name it. */
    String name() {
      return id + " (" + signal.name() + ")";
    }
  }
}
