package dev.tailgate.pipeline.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects config problems, each with the full path of the offending key, e.g. {@code
 * processors.batch.timeout: must be > 0}. {@link #at(String)} gives a view below a key that adds to
 * the same list.
 *
 * <p>Warnings travel beside the problems: a key the gateway accepts but that does nothing here (a
 * Collector key whose mechanism we do not have) is a warning, so a pasted Collector config runs and
 * {@code check} and the server's log still say which keys are inert and why.
 */
public final class ConfigErrors {
  private final String prefix;
  private final List<String> problems;
  private final List<String> warnings;

  public ConfigErrors() {
    this("", new ArrayList<>(), new ArrayList<>());
  }

  private ConfigErrors(String prefix, List<String> problems, List<String> warnings) {
    this.prefix = prefix;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** The errors below {@code key} (a dotted path relative to this one). */
  public ConfigErrors at(String key) {
    return new ConfigErrors(join(key), problems, warnings);
  }

  /**
   * Records that {@code key} is accepted but does not act as it would in the Collector; {@code why}
   * says what happens instead. Never makes the config invalid.
   */
  public void warn(String key, String why) {
    String path = join(key);
    String line = path.isEmpty() ? why : path + ": " + why;
    if (!warnings.contains(line)) {
      warnings.add(line);
    }
  }

  /** Warnings recorded so far, by every view of the same list. */
  public List<String> warnings() {
    return List.copyOf(warnings);
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
      throw new ConfigException(problems, warnings);
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
