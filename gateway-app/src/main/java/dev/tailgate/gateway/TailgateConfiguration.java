package dev.tailgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.Configuration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * config.yml: Dropwizard's {@code server:} and {@code logging:} plus the Collector's shape. The
 * component sections stay JSON trees here; each entry is bound to its factory's config class by the
 * graph planner, which knows the types and names the path of every problem.
 */
public class TailgateConfiguration extends Configuration {
  private Map<String, JsonNode> receivers = new LinkedHashMap<>();
  private Map<String, JsonNode> processors = new LinkedHashMap<>();
  private Map<String, JsonNode> exporters = new LinkedHashMap<>();
  private Map<String, JsonNode> extensions = new LinkedHashMap<>();
  private ServiceConfig service = new ServiceConfig();

  /** {@code extensions:}, bound by {@link dev.tailgate.pipeline.auth.AuthExtensions}. */
  @JsonProperty("extensions")
  public Map<String, JsonNode> getExtensions() {
    return extensions;
  }

  @JsonProperty("extensions")
  public void setExtensions(Map<String, JsonNode> extensions) {
    this.extensions = extensions == null ? new LinkedHashMap<>() : extensions;
  }

  @JsonProperty("receivers")
  public Map<String, JsonNode> getReceivers() {
    return receivers;
  }

  @JsonProperty("receivers")
  public void setReceivers(Map<String, JsonNode> receivers) {
    this.receivers = receivers == null ? new LinkedHashMap<>() : receivers;
  }

  @JsonProperty("processors")
  public Map<String, JsonNode> getProcessors() {
    return processors;
  }

  @JsonProperty("processors")
  public void setProcessors(Map<String, JsonNode> processors) {
    this.processors = processors == null ? new LinkedHashMap<>() : processors;
  }

  @JsonProperty("exporters")
  public Map<String, JsonNode> getExporters() {
    return exporters;
  }

  @JsonProperty("exporters")
  public void setExporters(Map<String, JsonNode> exporters) {
    this.exporters = exporters == null ? new LinkedHashMap<>() : exporters;
  }

  @JsonProperty("service")
  public ServiceConfig getService() {
    return service;
  }

  @JsonProperty("service")
  public void setService(ServiceConfig service) {
    this.service = service == null ? new ServiceConfig() : service;
  }
}
