package dev.tailgate.exporter.prometheusremotewrite;

import java.util.regex.Pattern;

/**
 * Metric and label names as Prometheus accepts them, per the OpenTelemetry ↔ Prometheus
 * compatibility spec: invalid characters become {@code _}, runs of {@code _} collapse to one, and a
 * leading digit gets a {@code _} in front.
 */
final class PrometheusNames {
  private static final Pattern UNDERSCORES = Pattern.compile("__+");

  private PrometheusNames() {}

  /** A metric name: letters, digits, {@code _} and {@code :}. */
  static String metricName(String name) {
    return sanitize(name, true);
  }

  /** A label name: letters, digits and {@code _}; empty for an empty attribute key. */
  static String labelName(String key) {
    return sanitize(key, false);
  }

  private static String sanitize(String name, boolean colonAllowed) {
    if (name.isEmpty()) {
      return name;
    }
    StringBuilder out = new StringBuilder(name.length() + 1);
    if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
      out.append('_');
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || (colonAllowed && c == ':');
      out.append(valid ? c : '_');
    }
    return UNDERSCORES.matcher(out).replaceAll("_");
  }
}
