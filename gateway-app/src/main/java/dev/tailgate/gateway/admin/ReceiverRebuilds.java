package dev.tailgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.ServiceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds, one after another, each running receiver whose entry changed in a reloaded file (its
 * gRPC endpoint, limits, auth, CORS, ...). What a rebuild cannot change waits for a restart: a
 * receiver added or removed (that changes the pipelines), and the HTTP protocol's presence,
 * {@code endpoint} or {@code tls}, since one Jetty connector, made at start, serves every
 * receiver's OTLP/HTTP.
 */
final class ReceiverRebuilds {
  private final ServiceGraph graph;
  /** The entries the running receivers were built from, by config key. */
  private final Map<String, JsonNode> running;

  ReceiverRebuilds(ServiceGraph graph, Map<String, JsonNode> builtFrom) {
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
        lines.add("receivers." + key + ": new; takes effect on restart");
      } else if (!was.equals(entry)) {
        lines.add(rebuild(key, was, entry, plan));
      }
    });
    running.keySet().stream()
        .filter(key -> !entries.containsKey(key))
        .forEach(key -> lines.add("receivers." + key + ": no longer in the file; runs as before until a restart"));
    return lines;
  }

  private String rebuild(String key, JsonNode was, JsonNode entry, GraphPlan plan) {
    String path = "receivers." + key;
    JsonNode httpBefore = was.path("protocols").path("http");
    JsonNode httpAfter = entry.path("protocols").path("http");
    if (httpBefore.isMissingNode() != httpAfter.isMissingNode()
        || !httpBefore.path("endpoint").equals(httpAfter.path("endpoint"))
        || !httpBefore.path("tls").equals(httpAfter.path("tls"))) {
      return path + ".protocols.http: added, removed, or its endpoint or tls changed; takes effect on restart (the running receiver is untouched)";
    }
    List<String> done;
    try {
      done = graph.replaceReceiver(plan, ComponentId.parse(key));
    } catch (RuntimeException e) {
      return path + ": could not be rebuilt (" + e.getMessage() + "); it runs with its previous config";
    }
    if (done.isEmpty()) {
      return path + ": changed; no running pipeline uses it";
    }
    running.put(key, entry);
    return String.join("; ", done);
  }
}
