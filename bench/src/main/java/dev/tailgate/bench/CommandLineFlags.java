package dev.tailgate.bench;

import dev.tailgate.pipeline.config.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} or {@code --name=value} arguments. Unknown names are refused so a typo
 * cannot silently run a benchmark with defaults.
 */
public final class CommandLineFlags {
  private final Map<String, String> values;

  private CommandLineFlags(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static CommandLineFlags parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --flag, got \"" + arg + "\"");
      }
      String name;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown flag --"
                + name
                + " (known: --"
                + String.join(", --", known.stream().sorted().toList())
                + ")");
      }
      values.put(name, value);
    }
    return new CommandLineFlags(values);
  }

  public String string(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  public int integer(String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + ": \"" + value + "\" is not an integer");
    }
  }

  public Duration duration(String name, Duration defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage());
    }
  }
}
