package dev.tailgate.processor.redaction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * {@code summary}: which diagnostic attributes the processor adds where it changed something. A
 * list of removed keys can itself leak information, hence the levels.
 */
public enum SummaryLevel {
  /** No summary attributes. */
  SILENT,
  /** Counts only ({@code redaction.redacted.count}, ...). */
  INFO,
  /** Counts and the affected keys ({@code redaction.redacted.keys}, ...). */
  DEBUG;

  @JsonCreator
  public static SummaryLevel parse(String text) {
    for (SummaryLevel level : values()) {
      if (level.configName().equals(text)) {
        return level;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" must be silent, info or debug");
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
