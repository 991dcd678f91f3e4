package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;

/**
 * {@code resource_to_telemetry_conversion} and {@code resource_constant_labels} (the Collector's
 * newer name for it, which takes only the patterns): which resource attributes are copied onto
 * every series as labels. See {@link ResourceAttributeSelection}.
 */
public record ResourceToTelemetryConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("exclude_service_attributes") Boolean excludeServiceAttributes,
    @JsonProperty("included") List<String> included,
    @JsonProperty("excluded") List<String> excluded) {
  public static final ResourceToTelemetryConfig DEFAULT =
      new ResourceToTelemetryConfig(null, null, null, null);

  public ResourceToTelemetryConfig {
    enabled = enabled != null && enabled;
    excludeServiceAttributes = excludeServiceAttributes != null && excludeServiceAttributes;
    included = included == null ? List.of() : List.copyOf(included);
    excluded = excluded == null ? List.of() : List.copyOf(excluded);
  }

  /** Written with anything at all, as the Collector tells configured from not. */
  boolean isEmpty() {
    return !enabled && !excludeServiceAttributes && included.isEmpty() && excluded.isEmpty();
  }

  ResourceAttributeSelection selection() {
    if (enabled) {
      return excludeServiceAttributes
          ? new ResourceAttributeSelection(true, true, List.of(), List.of())
          : ResourceAttributeSelection.ALL;
    }
    return included.isEmpty() && excluded.isEmpty()
        ? ResourceAttributeSelection.NONE
        : new ResourceAttributeSelection(false, false, included, excluded);
  }

  /**
   * {@code patternsOnly}: the block is {@code resource_constant_labels}, which has no legacy keys.
   */
  void validate(ConfigErrors errors, boolean patternsOnly) {
    boolean legacy = enabled || excludeServiceAttributes;
    if (patternsOnly && legacy) {
      errors.add(
          "",
          "takes included and excluded only; enabled and exclude_service_attributes belong to"
              + " resource_to_telemetry_conversion");
    } else if (legacy && !(included.isEmpty() && excluded.isEmpty())) {
      errors.add(
          "", "cannot have both enabled/exclude_service_attributes and included/excluded patterns");
    }
    for (String pattern : included) {
      errors.check(pattern != null && !pattern.isEmpty(), "included", "has an empty pattern");
    }
    for (String pattern : excluded) {
      errors.check(pattern != null && !pattern.isEmpty(), "excluded", "has an empty pattern");
    }
  }
}
