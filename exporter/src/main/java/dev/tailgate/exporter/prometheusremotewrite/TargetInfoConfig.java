package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code target_info}: one {@code target_info} series per resource, carrying its other attributes.
 */
public record TargetInfoConfig(@JsonProperty("enabled") Boolean enabled) {
  public static final TargetInfoConfig DEFAULT = new TargetInfoConfig(null);

  public TargetInfoConfig {
    enabled = enabled == null || enabled;
  }
}
