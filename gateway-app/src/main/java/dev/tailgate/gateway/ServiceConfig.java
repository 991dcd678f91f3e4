package dev.tailgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.gateway.admin.AdminConfig;
import dev.tailgate.pipeline.graph.PipelineSpec;
import dev.tailgate.pipeline.memory.MemoryConfig;
import io.dropwizard.util.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code service:}: the pipelines, the memory budget ({@code memory}), the admin token ({@code
 * admin}), and how long a shutdown may spend passing on and sending what the gateway holds ({@code
 * drain_timeout}, per component, default 30s).
 */
public class ServiceConfig {
  private Map<String, PipelineSpec> pipelines = new LinkedHashMap<>();
  private Duration drainTimeout = Duration.seconds(30);
  private MemoryConfig memory = MemoryConfig.DEFAULT;
  private AdminConfig admin = AdminConfig.NONE;
  private Duration configWatchInterval = Duration.seconds(5);
  private List<String> extensions = List.of();
  private JsonNode telemetry;

  /**
   * {@code service.telemetry}, the Collector's own logs and metrics settings: accepted so that a
   * Collector config binds, and warned about, since the gateway's self-metrics are on the admin
   * port and its logs are set under Dropwizard's {@code logging:}.
   */
  @JsonProperty("telemetry")
  public JsonNode getTelemetry() {
    return telemetry;
  }

  @JsonProperty("telemetry")
  public void setTelemetry(JsonNode telemetry) {
    this.telemetry = telemetry;
  }

  /**
   * {@code service.extensions}: the ids of the configured extensions to enable, as in the
   * Collector.
   */
  @JsonProperty("extensions")
  public List<String> getExtensions() {
    return extensions;
  }

  @JsonProperty("extensions")
  public void setExtensions(List<String> extensions) {
    this.extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  /**
   * How often the config file is compared for a change that reloads the sampling policies; 0 turns
   * it off.
   */
  @JsonProperty("config_watch_interval")
  public Duration getConfigWatchInterval() {
    return configWatchInterval;
  }

  @JsonProperty("config_watch_interval")
  public void setConfigWatchInterval(Duration configWatchInterval) {
    this.configWatchInterval =
        configWatchInterval == null ? Duration.seconds(0) : configWatchInterval;
  }

  @JsonProperty("admin")
  public AdminConfig getAdmin() {
    return admin;
  }

  @JsonProperty("admin")
  public void setAdmin(AdminConfig admin) {
    this.admin = admin == null ? AdminConfig.NONE : admin;
  }

  @JsonProperty("memory")
  public MemoryConfig getMemory() {
    return memory;
  }

  @JsonProperty("memory")
  public void setMemory(MemoryConfig memory) {
    this.memory = memory == null ? MemoryConfig.DEFAULT : memory;
  }

  @JsonProperty("pipelines")
  public Map<String, PipelineSpec> getPipelines() {
    return pipelines;
  }

  @JsonProperty("pipelines")
  public void setPipelines(Map<String, PipelineSpec> pipelines) {
    this.pipelines = pipelines == null ? new LinkedHashMap<>() : pipelines;
  }

  @JsonProperty("drain_timeout")
  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  @JsonProperty("drain_timeout")
  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public java.time.Duration drainTimeout() {
    return java.time.Duration.ofNanos(drainTimeout.toNanoseconds());
  }
}
