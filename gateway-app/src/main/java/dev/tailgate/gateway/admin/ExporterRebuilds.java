package dev.tailgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.ServiceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuilds, one after another, each running exporter whose entry changed in a reloaded file; every
 * batch it holds goes to the new instance. What a rebuild cannot carry over waits for a restart:
 * an exporter added or removed (that changes the pipelines), and a change of
 * {@code sending_queue.enabled} or {@code sending_queue.storage} (the queue's kind and its place on
 * disk, where its batches are).
 */
final class ExporterRebuilds {
  private final ServiceGraph graph;
  /** The entries the running exporters were built from, by config key. */
  private final Map<String, JsonNode> running;

  ExporterRebuilds(ServiceGraph graph, Map<String, JsonNode> builtFrom) {
    this.graph = graph;
    this.running = new LinkedHashMap<>(builtFrom == null ? Map.of() : builtFrom);
  }

  /** Called with a config that passed every check; the lines say what happened to each change. */
  List<String> rebuildChanged(Map<String, JsonNode> wanted, GraphPlan plan) {
    Map<String, JsonNode> entries = wanted == null ? Map.of() : wanted;
    List<String> lines = new ArrayList<>();
    entries.forEach((key, entry) -> {
      JsonNode was = running.get(key);
      if (was == null) {
        lines.add("exporters." + key + ": new; takes effect on restart");
      } else if (!was.equals(entry)) {
        lines.addAll(rebuild(key, was, entry, plan));
      }
    });
    running.keySet().stream()
        .filter(key -> !entries.containsKey(key))
        .forEach(key -> lines.add("exporters." + key + ": no longer in the file; runs as before until a restart"));
    return lines;
  }

  private List<String> rebuild(String key, JsonNode was, JsonNode entry, GraphPlan plan) {
    String path = "exporters." + key;
    if (!sameQueue(was, entry)) {
      return List.of(path + ".sending_queue: enabled or storage changed; takes effect on restart (the running queue keeps its batches)");
    }
    List<String> done;
    try {
      done = graph.replaceExporter(plan, ComponentId.parse(key));
    } catch (RuntimeException e) {
      return List.of(path + ": could not be rebuilt (" + e.getMessage() + "); the running one stays");
    }
    if (done.isEmpty()) {
      return List.of(path + ": changed; no running pipeline uses it");
    }
    running.put(key, entry);
    return done;
  }

  /** Whether both entries ask for the same kind of queue in the same place. */
  private static boolean sameQueue(JsonNode was, JsonNode entry) {
    JsonNode before = was.path("sending_queue");
    JsonNode after = entry.path("sending_queue");
    return enabled(before) == enabled(after) && Objects.equals(before.path("storage"), after.path("storage"));
  }

  private static boolean enabled(JsonNode queue) {
    JsonNode enabled = queue.path("enabled");
    return enabled.isMissingNode() || enabled.isNull() || enabled.asBoolean(true);
  }
}
