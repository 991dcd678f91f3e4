package dev.tailgate.pipeline.config;

import java.util.List;

/** A config that cannot run, with every problem found, each naming its path. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;
  private final List<String> warnings;

  public ConfigException(List<String> problems) {
    this(problems, List.of());
  }

  /** Problems, and the warnings found beside them (printed too, so one run tells all). */
  public ConfigException(List<String> problems, List<String> warnings) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public List<String> warnings() {
    return warnings;
  }

  public List<String> problems() {
    return problems;
  }
}
