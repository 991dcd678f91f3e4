package dev.tailgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.graph.ServiceGraph;
import dev.tailgate.processor.tailsampling.TailSamplingConfig;
import dev.tailgate.processor.tailsampling.TailSamplingProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Re-reads the config file and gives every running {@code tail_sampling} processor the policies
 * the file now names. All or nothing: if any tail_sampling entry is invalid, no processor changes
 * and the problems are reported with their paths.
 */
public final class SamplingReloader {
  static final String TYPE = "tail_sampling";

  private final ConfigFileSource source;
  private final ServiceGraph graph;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public SamplingReloader(ConfigFileSource source, ServiceGraph graph) {
    this.source = source;
    this.graph = graph;
  }

  /** What a reload did, or why it did nothing. */
  public record Result(boolean applied, List<String> lines) {}

  public synchronized Result reload() {
    JsonNode root;
    try (InputStream in = source.reopen()) {
      root = yaml.readTree(in);
    } catch (IOException e) {
      return refused(List.of("cannot read " + source.path().orElse("the config file") + ": " + e.getMessage()));
    }
    ConfigErrors errors = new ConfigErrors();
    Map<String, TailSamplingConfig> configs = bindAll(root == null ? null : root.path("processors"), errors);
    if (!errors.isEmpty()) {
      return refused(errors.problems());
    }
    Map<String, List<TailSamplingProcessor>> running = runningById();
    List<String> lines = new ArrayList<>();
    configs.forEach((id, config) -> {
      List<TailSamplingProcessor> instances = running.getOrDefault(id, List.of());
      if (instances.isEmpty()) {
        lines.add("processors." + id + ": in no running pipeline; a restart adds it");
        return;
      }
      instances.forEach(processor -> processor.reload(config));
      lines.add(
          "processors." + id + ": reloaded in " + instances.size() + " pipeline(s); policies "
              + instances.get(0).policyNames());
    });
    running.keySet().stream()
        .filter(id -> !configs.containsKey(id))
        .forEach(id -> lines.add("processors." + id + ": no longer in the file; keeps its policies until a restart"));
    return new Result(true, lines);
  }

  private Map<String, TailSamplingConfig> bindAll(JsonNode processors, ConfigErrors errors) {
    Map<String, TailSamplingConfig> configs = new LinkedHashMap<>();
    if (processors == null || !processors.isObject()) {
      return configs;
    }
    ConfigBinder binder = new ConfigBinder();
    Iterator<Map.Entry<String, JsonNode>> entries = processors.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (!isTailSampling(entry.getKey())) {
        continue;
      }
      Optional<TailSamplingConfig> bound =
          binder.bind(entry.getValue(), TailSamplingConfig.class, "processors." + entry.getKey(), errors);
      bound.ifPresent(config -> configs.put(entry.getKey(), config));
    }
    return configs;
  }

  private static boolean isTailSampling(String id) {
    try {
      return ComponentId.parse(id).type().equals(TYPE);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Map<String, List<TailSamplingProcessor>> runningById() {
    Map<String, List<TailSamplingProcessor>> byId = new LinkedHashMap<>();
    for (List<Processor<?>> chain : graph.processors().values()) {
      for (Processor<?> processor : chain) {
        if (processor instanceof TailSamplingProcessor sampling) {
          byId.computeIfAbsent(sampling.id(), id -> new ArrayList<>()).add(sampling);
        }
      }
    }
    return byId;
  }

  private static Result refused(List<String> problems) {
    List<String> lines = new ArrayList<>();
    lines.add("not reloaded; the policies in use stay:");
    problems.forEach(problem -> lines.add("  * " + problem));
    return new Result(false, lines);
  }
}
