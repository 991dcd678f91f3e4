package dev.tailgate.pipeline.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentKind;
import dev.tailgate.pipeline.ExporterFactory;
import dev.tailgate.pipeline.FactoryRegistry;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.ReceiverFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the config sections into a {@link GraphPlan}: binds and validates every component's config
 * and checks every pipeline's references, collecting all problems before failing. Creates nothing,
 * so {@code check} can run it without opening a port.
 */
public final class GraphPlanner {
  private final FactoryRegistry registry;
  private final ConfigBinder binder;

  public GraphPlanner(FactoryRegistry registry, ConfigBinder binder) {
    this.registry = registry;
    this.binder = binder;
  }

  /** Throws {@link dev.tailgate.pipeline.config.ConfigException} naming every problem's path. */
  public GraphPlan plan(
      Map<String, JsonNode> receivers,
      Map<String, JsonNode> processors,
      Map<String, JsonNode> exporters,
      Map<String, PipelineSpec> pipelines) {
    ConfigErrors errors = new ConfigErrors();
    GraphPlan plan = plan(receivers, processors, exporters, pipelines, errors);
    errors.throwIfAny();
    return plan;
  }

  /**
   * Records every problem and warning in {@code errors} instead of throwing, so a caller can add
   * its own checks and report them all at once; the plan returned is only of use when {@code
   * errors} holds no problem.
   */
  public GraphPlan plan(
      Map<String, JsonNode> receivers,
      Map<String, JsonNode> processors,
      Map<String, JsonNode> exporters,
      Map<String, PipelineSpec> pipelines,
      ConfigErrors errors) {
    Map<ComponentKind, Set<ComponentId>> invalid = new EnumMap<>(ComponentKind.class);
    Bound bound =
        new Bound(
            bindAll(ComponentKind.RECEIVER, receivers, this::bindReceiver, errors, invalid),
            bindAll(ComponentKind.PROCESSOR, processors, this::bindProcessor, errors, invalid),
            bindAll(ComponentKind.EXPORTER, exporters, this::bindExporter, errors, invalid));

    Map<PipelineId, ResolvedPipeline> resolved = new LinkedHashMap<>();
    ConfigErrors pipelineErrors = errors.at("service.pipelines");
    if (pipelines == null || pipelines.isEmpty()) {
      pipelineErrors.add("", "must define at least one pipeline (traces, metrics or logs)");
    } else {
      pipelines.forEach(
          (key, spec) ->
              resolve(key, spec, bound, invalid, pipelineErrors)
                  .ifPresent(p -> resolved.put(p.id(), p)));
    }
    return new GraphPlan(List.copyOf(resolved.values()), errors.warnings());
  }

  /** Every section's bound components by id. */
  private record Bound(
      Map<ComponentId, BoundReceiver<?>> receivers,
      Map<ComponentId, BoundProcessor<?>> processors,
      Map<ComponentId, BoundExporter<?>> exporters) {}

  /** Binds the config of one component of a known type; empty after reporting why not. */
  @FunctionalInterface
  private interface Binding<B extends BoundComponent> {
    Optional<B> bind(ComponentId id, JsonNode node, String path, ConfigErrors errors);
  }

  private Optional<BoundReceiver<?>> bindReceiver(
      ComponentId id, JsonNode node, String path, ConfigErrors errors) {
    return registry.receiver(id.type()).flatMap(factory -> bound(id, factory, node, path, errors));
  }

  private <C> Optional<BoundReceiver<?>> bound(
      ComponentId id, ReceiverFactory<C> factory, JsonNode node, String path, ConfigErrors errors) {
    return binder
        .bind(node, factory.configType(), path, errors)
        .map(config -> new BoundReceiver<>(id, factory, config));
  }

  private Optional<BoundProcessor<?>> bindProcessor(
      ComponentId id, JsonNode node, String path, ConfigErrors errors) {
    return registry.processor(id.type()).flatMap(factory -> bound(id, factory, node, path, errors));
  }

  private <C> Optional<BoundProcessor<?>> bound(
      ComponentId id,
      ProcessorFactory<C> factory,
      JsonNode node,
      String path,
      ConfigErrors errors) {
    return binder
        .bind(node, factory.configType(), path, errors)
        .map(config -> new BoundProcessor<>(id, factory, config));
  }

  private Optional<BoundExporter<?>> bindExporter(
      ComponentId id, JsonNode node, String path, ConfigErrors errors) {
    return registry.exporter(id.type()).flatMap(factory -> bound(id, factory, node, path, errors));
  }

  private <C> Optional<BoundExporter<?>> bound(
      ComponentId id, ExporterFactory<C> factory, JsonNode node, String path, ConfigErrors errors) {
    return binder
        .bind(node, factory.configType(), path, errors)
        .map(config -> new BoundExporter<>(id, factory, config));
  }

  /** Binds a section; ids that are configured but wrong go to {@code invalid}, already reported. */
  private <B extends BoundComponent> Map<ComponentId, B> bindAll(
      ComponentKind kind,
      Map<String, JsonNode> section,
      Binding<B> binding,
      ConfigErrors errors,
      Map<ComponentKind, Set<ComponentId>> invalid) {
    Map<ComponentId, B> bound = new LinkedHashMap<>();
    Set<ComponentId> wrong = invalid.computeIfAbsent(kind, k -> new HashSet<>());
    if (section == null) {
      return bound;
    }
    section.forEach(
        (key, node) -> {
          String path = kind.section() + "." + key;
          ComponentId id;
          try {
            id = ComponentId.parse(key);
          } catch (IllegalArgumentException e) {
            errors.add(path, e.getMessage());
            return;
          }
          if (registry.find(kind, id.type()).isEmpty()) {
            wrong.add(id);
            errors.add(
                path,
                "unknown "
                    + kind.noun()
                    + " type \""
                    + id.type()
                    + "\"; known types: "
                    + String.join(", ", registry.types(kind)));
            return;
          }
          binding
              .bind(id, node, path, errors)
              .ifPresentOrElse(component -> bound.put(id, component), () -> wrong.add(id));
        });
    return bound;
  }

  private Optional<ResolvedPipeline> resolve(
      String key,
      PipelineSpec spec,
      Bound bound,
      Map<ComponentKind, Set<ComponentId>> invalid,
      ConfigErrors errors) {
    PipelineId id;
    try {
      id = PipelineId.parse(key);
    } catch (IllegalArgumentException e) {
      errors.add(key, e.getMessage());
      return Optional.empty();
    }
    if (spec == null) {
      errors.add(key, "is empty: give receivers and exporters");
      return Optional.empty();
    }
    ConfigErrors here = errors.at(key);
    here.check(!spec.receivers().isEmpty(), "receivers", "must name at least one receiver");
    here.check(!spec.exporters().isEmpty(), "exporters", "must name at least one exporter");
    List<BoundReceiver<?>> receivers =
        references(ComponentKind.RECEIVER, spec.receivers(), id, bound.receivers(), invalid, here);
    List<BoundProcessor<?>> processors =
        references(
            ComponentKind.PROCESSOR, spec.processors(), id, bound.processors(), invalid, here);
    List<BoundExporter<?>> exporters =
        references(ComponentKind.EXPORTER, spec.exporters(), id, bound.exporters(), invalid, here);
    if (receivers == null || processors == null || exporters == null) {
      return Optional.empty();
    }
    return Optional.of(new ResolvedPipeline(id, receivers, processors, exporters));
  }

  /** The bound components a pipeline names, or null after recording why not. */
  private static <B extends BoundComponent> List<B> references(
      ComponentKind kind,
      List<String> names,
      PipelineId pipeline,
      Map<ComponentId, B> bound,
      Map<ComponentKind, Set<ComponentId>> invalid,
      ConfigErrors errors) {
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    List<B> found = new java.util.ArrayList<>();
    for (String name : names) {
      if (!seen.add(name)) {
        errors.add("", "names " + kind.noun() + " \"" + name + "\" twice");
        ok = false;
        continue;
      }
      B component = lookup(bound, name);
      if (component == null && isInvalid(invalid.get(kind), name)) {
        // Its own section already says what is wrong; "not configured" would mislead.
        ok = false;
        continue;
      }
      if (component == null) {
        errors.add("", "references " + kind.noun() + " \"" + name + "\" which is not configured");
        ok = false;
        continue;
      }
      Signal<?> signal = pipeline.signal();
      if (!component.factory().signals().contains(signal)) {
        errors.add("", kind.noun() + " \"" + name + "\" does not support " + signal.name());
        ok = false;
        continue;
      }
      found.add(component);
    }
    return ok ? List.copyOf(found) : null;
  }

  private static boolean isInvalid(Set<ComponentId> invalid, String name) {
    try {
      return invalid.contains(ComponentId.parse(name));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static <B> B lookup(Map<ComponentId, B> components, String name) {
    try {
      return components.get(ComponentId.parse(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
