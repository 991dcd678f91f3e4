package dev.tailgate.pipeline.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The receivers/processors/exporters sections and service.pipelines of a test, in config order. */
final class GraphConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> receivers = new LinkedHashMap<>();
  private final Map<String, JsonNode> processors = new LinkedHashMap<>();
  private final Map<String, JsonNode> exporters = new LinkedHashMap<>();
  private final Map<String, PipelineSpec> pipelines = new LinkedHashMap<>();

  /** Configures each id with defaults (an empty YAML value). */
  GraphConfig receivers(String... ids) {
    for (String id : ids) {
      receivers.put(id, null);
    }
    return this;
  }

  GraphConfig processors(String... ids) {
    for (String id : ids) {
      processors.put(id, null);
    }
    return this;
  }

  GraphConfig exporters(String... ids) {
    for (String id : ids) {
      exporters.put(id, null);
    }
    return this;
  }

  GraphConfig processor(String id, String json) {
    processors.put(id, parse(json));
    return this;
  }

  GraphConfig exporter(String id, String json) {
    exporters.put(id, parse(json));
    return this;
  }

  GraphConfig pipeline(
      String key, List<String> receivers, List<String> processors, List<String> exporters) {
    pipelines.put(key, new PipelineSpec(receivers, processors, exporters));
    return this;
  }

  GraphConfig pipeline(String key, PipelineSpec spec) {
    pipelines.put(key, spec);
    return this;
  }

  GraphPlan planWith(GraphPlanner planner) {
    return planner.plan(receivers, processors, exporters, pipelines);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
