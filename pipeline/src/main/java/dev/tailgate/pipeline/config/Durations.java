package dev.tailgate.pipeline.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as the Collector writes them (Go syntax): {@code 200ms}, {@code 5s}, {@code
 * 1m30s}, {@code 1h}, {@code 500us}, {@code 0}.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      // The loop below would accept nothing at all as zero; an empty value is a mistake, not 0.
      throw notADuration(text);
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw notADuration(text);
      }
      double value = Double.parseDouble(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos += Math.round(value * unit);
      at = m.end();
    }
    return Duration.ofNanos(nanos);
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not a duration (examples: 200ms, 5s, 1m30s, 1h)");
  }

  /** The shortest Go-style spelling, for messages and docs. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return (nanos / 1_000_000_000L) + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return (nanos / 1_000_000L) + "ms";
    }
    return nanos + "ns";
  }
}
