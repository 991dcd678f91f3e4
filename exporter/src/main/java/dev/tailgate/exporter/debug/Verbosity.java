package dev.tailgate.exporter.debug;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much the debug exporter writes per batch, as in the Collector. */
public enum Verbosity {
  /** One summary line per batch. */
  BASIC,
  /** The summary plus one line per span, metric or log record. */
  NORMAL,
  /** The summary plus the whole batch. */
  DETAILED;

  @JsonCreator
  public static Verbosity parse(String text) {
    for (Verbosity v : values()) {
      if (v.configName().equals(text)) {
        return v;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" must be basic, normal or detailed");
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
