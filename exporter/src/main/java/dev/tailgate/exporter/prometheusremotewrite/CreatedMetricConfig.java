package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code export_created_metric}: the Collector's {@code _created} series (default off). */
public record CreatedMetricConfig(@JsonProperty("enabled") Boolean enabled) {
  public CreatedMetricConfig {
    enabled = enabled != null && enabled;
  }
}
