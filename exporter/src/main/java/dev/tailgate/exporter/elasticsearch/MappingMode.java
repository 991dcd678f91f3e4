package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code mapping.mode}: the shape of the documents written. */
public enum MappingMode {
  /**
   * OpenTelemetry-native documents: OTLP field names, attributes kept apart from the document's own
   * fields.
   */
  OTEL,
  /** Elastic Common Schema field names (service.name, trace.id, log.level, message, ...). */
  ECS;

  @JsonCreator
  public static MappingMode parse(String text) {
    for (MappingMode mode : values()) {
      if (mode.configName().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" must be otel or ecs");
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  DocumentTranslator translator() {
    return this == OTEL ? new OtelTranslator() : new EcsTranslator();
  }
}
