package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/**
 * {@code mapping:} how spans, log records and data points become documents. {@code allowed_modes}
 * limits the modes a client may ask for per request in the Collector; the default mode must be one
 * of them, as there. {@code dedup} and {@code dedot} are the Collector's deprecated keys.
 */
public record MappingConfig(
    @JsonProperty("mode") MappingMode mode,
    @JsonProperty("allowed_modes") List<MappingMode> allowedModes,
    @JsonProperty("dedup") Boolean dedup,
    @JsonProperty("dedot") Boolean dedot)
    implements Validatable {
  public static final MappingConfig DEFAULT = new MappingConfig(null, null, null, null);

  public MappingConfig {
    mode = mode == null ? MappingMode.OTEL : mode;
    allowedModes = allowedModes == null ? null : List.copyOf(allowedModes);
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (allowedModes != null) {
      errors.check(
          allowedModes.contains(mode),
          "mode",
          "\"" + mode.configName() + "\" is not one of allowed_modes " + allowedModes);
      errors.warn(
          "allowed_modes",
          "has no effect here: clients cannot choose a mode per request (X-Elastic-Mapping-Mode);"
              + " every document is written in mapping.mode");
    }
    if (dedup != null) {
      errors.warn("dedup", "has no effect here: repeated keys are always dropped (first wins)");
    }
    if (dedot != null) {
      errors.warn(
          "dedot",
          "has no effect here: ecs writes dotted names that Elasticsearch expands, the other"
              + " modes keep attribute names as they are");
    }
  }
}
