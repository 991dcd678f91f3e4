package dev.tailgate.pipeline.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects config problems, each with the full path of the offending key, e.g. {@code
 * processors.batch.timeout: must be > 0}. {@link #at(String)} gives a view below a key that adds to
 * the same list.
 */
public final class ConfigErrors {
  private final String prefix;
  private final List<String> problems;

  public ConfigErrors() {
    this("", new ArrayList<>());
  }

  private ConfigErrors(String prefix, List<String> problems) {
    this.prefix = prefix;
    this.problems = problems;
  }

  /** The errors below {@code key} (a dotted path relative to this one). */
  public ConfigErrors at(String key) {
    return new ConfigErrors(join(key), problems);
  }

  /** Records a problem with {@code key} (relative to this view; "" for this view's own path). */
  public void add(String key, String message) {
    String path = join(key);
    problems.add(path.isEmpty() ? message : path + ": " + message);
  }

  /** Records a problem unless {@code ok}. */
  public void check(boolean ok, String key, String message) {
    if (!ok) {
      add(key, message);
    }
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Problems recorded so far, by every view of the same list. */
  public int size() {
    return problems.size();
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws a {@link ConfigException} listing every problem, if there is any. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private String join(String key) {
    if (key.isEmpty()) {
      return prefix;
    }
    if (prefix.isEmpty()) {
      return key;
    }
    return key.startsWith("[") ? prefix + key : prefix + "." + key;
  }
}
