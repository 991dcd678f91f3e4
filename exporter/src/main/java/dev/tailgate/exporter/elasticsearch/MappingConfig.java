package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code mapping:} how spans, log records and data points become documents. */
public record MappingConfig(@JsonProperty("mode") MappingMode mode) {
  public static final MappingConfig DEFAULT = new MappingConfig(null);

  public MappingConfig {
    mode = mode == null ? MappingMode.OTEL : mode;
  }
}
