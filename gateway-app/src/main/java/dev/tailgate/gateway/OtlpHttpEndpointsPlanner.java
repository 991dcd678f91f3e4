package dev.tailgate.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.exporter.otlphttp.OtlpHttpExporterConfig;
import dev.tailgate.exporter.otlphttp.OtlpHttpExporterFactory;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.graph.PipelineSpec;
import java.util.Map;
import java.util.Set;

/**
 * An otlphttp exporter needs a URL for each signal a pipeline sends it: {@code endpoint}, or that
 * signal's own {@code <signal>_endpoint}. Its config alone cannot tell (a config with only {@code
 * traces_endpoint} is right for a traces pipeline), and the exporter would fail only as it is
 * created for the signal; checked here, with the pipelines, so that {@code check} refuses it too.
 */
final class OtlpHttpEndpointsPlanner {
  private static final Set<String> TYPES =
      Set.of(OtlpHttpExporterFactory.TYPE, OtlpHttpExporterFactory.ALIAS);

  private OtlpHttpEndpointsPlanner() {}

  static void plan(
      Map<String, JsonNode> exporters, Map<String, PipelineSpec> pipelines, ConfigErrors errors) {
    QueueStoragePlanner.signalsByExporter(pipelines)
        .forEach(
            (name, signals) -> {
              if (!isOtlpHttp(name) || !exporters.containsKey(name)) {
                return;
              }
              // A config that does not bind or validate is the graph planner's to report.
              new ConfigBinder()
                  .bind(exporters.get(name), OtlpHttpExporterConfig.class, "", new ConfigErrors())
                  .ifPresent(config -> signals.forEach(s -> check(name, config, s, errors)));
            });
  }

  private static void check(
      String name, OtlpHttpExporterConfig config, Signal<?> signal, ConfigErrors errors) {
    if (config.url(signal).isEmpty()) {
      errors.add(
          "exporters." + name + "." + OtlpHttpExporterConfig.ownEndpointKey(signal),
          "is required (or endpoint): a " + signal.name() + " pipeline exports to it");
    }
  }

  private static boolean isOtlpHttp(String name) {
    try {
      return TYPES.contains(ComponentId.parse(name).type());
    } catch (IllegalArgumentException e) {
      return false; // the graph planner reports the key
    }
  }
}
