package dev.tailgate.pipeline.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentKind;
import dev.tailgate.pipeline.Factory;
import dev.tailgate.pipeline.FactoryRegistry;
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
    Map<ComponentKind, Map<ComponentId, BoundComponent>> bound = new LinkedHashMap<>();
    Map<ComponentKind, Set<ComponentId>> invalid = new EnumMap<>(ComponentKind.class);
    bound.put(ComponentKind.RECEIVER, bindAll(ComponentKind.RECEIVER, receivers, errors, invalid));
    bound.put(
        ComponentKind.PROCESSOR, bindAll(ComponentKind.PROCESSOR, processors, errors, invalid));
    bound.put(ComponentKind.EXPORTER, bindAll(ComponentKind.EXPORTER, exporters, errors, invalid));

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
    errors.throwIfAny();
    return new GraphPlan(List.copyOf(resolved.values()));
  }

  /** Binds a section; ids that are configured but wrong go to {@code invalid}, already reported. */
  private Map<ComponentId, BoundComponent> bindAll(
      ComponentKind kind,
      Map<String, JsonNode> section,
      ConfigErrors errors,
      Map<ComponentKind, Set<ComponentId>> invalid) {
    Map<ComponentId, BoundComponent> bound = new LinkedHashMap<>();
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
          Optional<? extends Factory<?>> factory = registry.find(kind, id.type());
          if (factory.isEmpty()) {
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
          binder
              .bind(node, factory.get().configType(), path, errors)
              .ifPresentOrElse(
                  config -> bound.put(id, new BoundComponent(kind, id, factory.get(), config)),
                  () -> wrong.add(id));
        });
    return bound;
  }

  private Optional<ResolvedPipeline> resolve(
      String key,
      PipelineSpec spec,
      Map<ComponentKind, Map<ComponentId, BoundComponent>> bound,
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
    List<BoundComponent> receivers =
        references(ComponentKind.RECEIVER, spec.receivers(), id, bound, invalid, here);
    List<BoundComponent> processors =
        references(ComponentKind.PROCESSOR, spec.processors(), id, bound, invalid, here);
    List<BoundComponent> exporters =
        references(ComponentKind.EXPORTER, spec.exporters(), id, bound, invalid, here);
    if (receivers == null || processors == null || exporters == null) {
      return Optional.empty();
    }
    return Optional.of(new ResolvedPipeline(id, receivers, processors, exporters));
  }

  /** The bound components a pipeline names, or null after recording why not. */
  private static List<BoundComponent> references(
      ComponentKind kind,
      List<String> names,
      PipelineId pipeline,
      Map<ComponentKind, Map<ComponentId, BoundComponent>> bound,
      Map<ComponentKind, Set<ComponentId>> invalid,
      ConfigErrors errors) {
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    List<BoundComponent> found = new java.util.ArrayList<>();
    for (String name : names) {
      if (!seen.add(name)) {
        errors.add("", "names " + kind.noun() + " \"" + name + "\" twice");
        ok = false;
        continue;
      }
      BoundComponent component = lookup(bound.get(kind), name);
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

  private static BoundComponent lookup(Map<ComponentId, BoundComponent> components, String name) {
    try {
      return components.get(ComponentId.parse(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
