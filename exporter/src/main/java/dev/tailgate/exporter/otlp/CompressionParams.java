package dev.tailgate.exporter.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code compression_params:} of the otlp exporter, the Collector's key; {@code level} null means
 * the codec's default.
 */
public record CompressionParams(@JsonProperty("level") Integer level) {
  public static final CompressionParams DEFAULT = new CompressionParams(null);
}
