package dev.tailgate.processor.ottl;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * {@code error_mode}, as in the Collector: what a condition that fails on an item (not one that is
 * merely false) does to the work it is part of.
 */
public enum ErrorMode {
  /**
   * The error goes up: the filter processor refuses the batch, a sampling policy errs on the trace.
   */
  PROPAGATE,
  /** The condition counts as false for that item; the error is logged and counted. */
  IGNORE,
  /** As {@link #IGNORE}, counted but not logged. */
  SILENT;

  @JsonCreator
  public static ErrorMode parse(String text) {
    for (ErrorMode mode : values()) {
      if (mode.configName().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" must be propagate, ignore or silent");
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
