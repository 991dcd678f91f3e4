package dev.tailgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.QueueStorage;
import dev.tailgate.pipeline.graph.PipelineId;
import dev.tailgate.pipeline.graph.PipelineSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Exporters' persistent sending queues ({@code sending_queue.storage}): a queue opens its
 * directory, one per exporter and signal, as the exporter is created, and one it cannot use stops
 * the server. Checked here for each signal a pipeline sends the exporter, without creating
 * anything.
 */
final class QueueStoragePlanner {
  private QueueStoragePlanner() {}

  static void plan(
      Map<String, JsonNode> exporters, Map<String, PipelineSpec> pipelines, ConfigErrors errors) {
    signalsByExporter(pipelines)
        .forEach(
            (name, signals) -> {
              if (!exporters.containsKey(name)) {
                return;
              }
              ComponentId id;
              try {
                id = ComponentId.parse(name);
              } catch (IllegalArgumentException e) {
                return; // the graph planner reports the key
              }
              persistentQueue(exporters.get(name))
                  .ifPresent(
                      queue -> {
                        // The same reason for each signal's directory is said once.
                        Set<String> problems = new LinkedHashSet<>();
                        signals.forEach(
                            signal ->
                                QueueStorage.problem(queue.storage().path(), id, signal)
                                    .ifPresent(problems::add));
                        problems.forEach(
                            problem ->
                                errors.add(
                                    "exporters." + name + ".sending_queue.storage.directory",
                                    "cannot use "
                                        + queue.storage().directory()
                                        + " ("
                                        + problem
                                        + ")"));
                      });
            });
  }

  /**
   * Each exporter a pipeline names, with the signals of the pipelines that name it (also for {@link
   * OtlpHttpEndpointsPlanner}).
   */
  static Map<String, Set<Signal<?>>> signalsByExporter(Map<String, PipelineSpec> pipelines) {
    Map<String, Set<Signal<?>>> signals = new LinkedHashMap<>();
    pipelines.forEach(
        (key, spec) -> {
          PipelineId pipeline;
          try {
            pipeline = PipelineId.parse(key);
          } catch (IllegalArgumentException e) {
            return; // the graph planner reports the key
          }
          if (spec != null) {
            spec.exporters()
                .forEach(
                    name ->
                        signals
                            .computeIfAbsent(name, n -> new LinkedHashSet<>())
                            .add(pipeline.signal()));
          }
        });
    return signals;
  }

  /**
   * The exporter's {@code sending_queue} when it is enabled and stored on disk. Every exporter that
   * queues has it under that key, as in the Collector; a queue that does not bind is the graph
   * planner's to report.
   */
  private static Optional<QueueConfig> persistentQueue(JsonNode exporter) {
    JsonNode queue = exporter == null ? null : exporter.get("sending_queue");
    if (queue == null || !queue.isObject()) {
      return Optional.empty();
    }
    return new ConfigBinder()
        .bind(queue, QueueConfig.class, "sending_queue", new ConfigErrors())
        .filter(config -> config.enabled() && config.persistent());
  }
}
