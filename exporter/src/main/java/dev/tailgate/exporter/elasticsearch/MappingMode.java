package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code mapping.mode}: the shape of the documents written; the Collector's five modes. */
public enum MappingMode {
  /**
   * OpenTelemetry-native documents: OTLP field names, attributes kept apart from the document's own
   * fields.
   */
  OTEL,
  /** Elastic Common Schema field names (service.name, trace.id, log.level, message, ...). */
  ECS,
  /** The Collector's original shape: {@code TraceId}, {@code Attributes.<key>}, ... */
  NONE,
  /** As {@link #NONE}, with the record's attributes under their own names. */
  RAW,
  /** A log record's map body is the whole document. */
  BODYMAP;

  /** The Collector's names, case-insensitive; {@code no} and the empty string mean {@code none}. */
  @JsonCreator
  public static MappingMode parse(String text) {
    String name = text == null ? "" : text.toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.equals("no")) {
      return NONE;
    }
    for (MappingMode mode : values()) {
      if (mode.configName().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "\"" + text + "\" must be one of otel, ecs, none, raw, bodymap");
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  DocumentTranslator translator() {
    return switch (this) {
      case OTEL -> new OtelTranslator();
      case ECS -> new EcsTranslator();
      case NONE -> RawTranslator.none();
      case RAW -> RawTranslator.raw();
      case BODYMAP -> new BodyMapTranslator();
    };
  }
}
