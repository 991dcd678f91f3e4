package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code resource_to_telemetry_conversion}: copy every resource attribute onto every series. */
public record ResourceToTelemetryConfig(@JsonProperty("enabled") Boolean enabled) {
  public static final ResourceToTelemetryConfig DEFAULT = new ResourceToTelemetryConfig(null);

  public ResourceToTelemetryConfig {
    enabled = enabled != null && enabled;
  }
}
