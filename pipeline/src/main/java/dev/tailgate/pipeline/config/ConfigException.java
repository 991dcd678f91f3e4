package dev.tailgate.pipeline.config;

import java.util.List;

/** A config that cannot run, with every problem found, each naming its path. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
