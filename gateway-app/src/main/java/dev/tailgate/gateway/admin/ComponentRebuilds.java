package dev.tailgate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.graph.GraphPlan;
import dev.tailgate.pipeline.graph.ServiceGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds, one after another, each running component of one section ({@code receivers}, {@code
 * exporters}) whose entry changed in a reloaded file. A component added or removed changes the
 * pipelines and waits for a restart; so does a change its kind cannot make in place (see {@link
 * #forExporters} and {@link #forReceivers}).
 */
final class ComponentRebuilds {
  /** What a rebuild cannot change: the line that says so, or empty when it can. */
  @FunctionalInterface
  interface RestartCheck {
    Optional<String> restartNeeded(String path, JsonNode was, JsonNode entry);
  }

  /**
   * Rebuilds one component from the new plan; the lines say what was done, none if it does not run.
   */
  @FunctionalInterface
  interface Rebuild {
    List<String> rebuild(GraphPlan plan, ComponentId id);
  }

  private final String section;
  private final RestartCheck restartCheck;
  private final Rebuild rebuild;

  /** The entries the running components were built from, by config key. */
  private final Map<String, JsonNode> running;

  private ComponentRebuilds(
      String section, Map<String, JsonNode> builtFrom, RestartCheck restartCheck, Rebuild rebuild) {
    this.section = section;
    this.restartCheck = restartCheck;
    this.rebuild = rebuild;
    this.running = new LinkedHashMap<>(builtFrom == null ? Map.of() : builtFrom);
  }

  /**
   * Exporters hand their queued batches to the rebuilt instance; a change of {@code
   * sending_queue.enabled} or {@code sending_queue.storage} (the queue's kind and its place on
   * disk, where its batches are) waits for a restart.
   */
  static ComponentRebuilds forExporters(ServiceGraph graph, Map<String, JsonNode> builtFrom) {
    return new ComponentRebuilds(
        "exporters",
        builtFrom,
        (path, was, entry) ->
            sameQueue(was, entry)
                ? Optional.empty()
                : Optional.of(
                    path
                        + ".sending_queue: enabled or storage changed; takes effect on restart (the"
                        + " running queue keeps its batches)"),
        graph::replaceExporter);
  }

  /**
   * Receivers are stopped and started again; the HTTP protocol's presence, {@code endpoint}, {@code
   * tls} or url paths wait for a restart, since one Jetty connector, made at start, serves every
   * receiver's OTLP/HTTP, at the paths mapped then.
   */
  static ComponentRebuilds forReceivers(ServiceGraph graph, Map<String, JsonNode> builtFrom) {
    return new ComponentRebuilds(
        "receivers",
        builtFrom,
        (path, was, entry) ->
            sameHttpConnector(was, entry)
                ? Optional.empty()
                : Optional.of(
                    path
                        + ".protocols.http: added, removed, or its endpoint, tls or url paths"
                        + " changed; takes effect on restart (the running receiver is untouched)"),
        graph::replaceReceiver);
  }

  /** Called with a config that passed every check; the lines say what happened to each change. */
  List<String> rebuildChanged(Map<String, JsonNode> wanted, GraphPlan plan) {
    Map<String, JsonNode> entries = wanted == null ? Map.of() : wanted;
    List<String> lines = new ArrayList<>();
    entries.forEach(
        (key, entry) -> {
          JsonNode was = running.get(key);
          if (was == null) {
            lines.add(section + "." + key + ": new; takes effect on restart");
          } else if (!was.equals(entry)) {
            lines.addAll(rebuild(key, was, entry, plan));
          }
        });
    running.keySet().stream()
        .filter(key -> !entries.containsKey(key))
        .forEach(
            key ->
                lines.add(
                    section
                        + "."
                        + key
                        + ": no longer in the file; runs as before until a restart"));
    return lines;
  }

  private List<String> rebuild(String key, JsonNode was, JsonNode entry, GraphPlan plan) {
    String path = section + "." + key;
    Optional<String> restart = restartCheck.restartNeeded(path, was, entry);
    if (restart.isPresent()) {
      return List.of(restart.get());
    }
    List<String> done;
    try {
      done = rebuild.rebuild(plan, ComponentId.parse(key));
    } catch (RuntimeException e) {
      return List.of(
          path
              + ": could not be rebuilt ("
              + e.getMessage()
              + "); it runs with its previous config");
    }
    if (done.isEmpty()) {
      return List.of(path + ": changed; no running pipeline uses it");
    }
    running.put(key, entry);
    return done;
  }

  private static boolean sameQueue(JsonNode was, JsonNode entry) {
    JsonNode before = was.path("sending_queue");
    JsonNode after = entry.path("sending_queue");
    return queueEnabled(before) == queueEnabled(after)
        && before.path("storage").equals(after.path("storage"));
  }

  private static boolean queueEnabled(JsonNode queue) {
    JsonNode enabled = queue.path("enabled");
    return enabled.isMissingNode() || enabled.isNull() || enabled.asBoolean(true);
  }

  private static boolean sameHttpConnector(JsonNode was, JsonNode entry) {
    JsonNode before = was.path("protocols").path("http");
    JsonNode after = entry.path("protocols").path("http");
    return before.isMissingNode() == after.isMissingNode()
        && before.path("endpoint").equals(after.path("endpoint"))
        && before.path("tls").equals(after.path("tls"))
        && before.path("traces_url_path").equals(after.path("traces_url_path"))
        && before.path("metrics_url_path").equals(after.path("metrics_url_path"))
        && before.path("logs_url_path").equals(after.path("logs_url_path"));
  }
}
