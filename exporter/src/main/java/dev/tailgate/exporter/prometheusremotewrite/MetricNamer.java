package dev.tailgate.exporter.prometheusremotewrite;

/**
 * The Prometheus name of an OTLP metric: sanitized (unless UTF-8 names are kept), with its unit as
 * a suffix (unless the name already holds it), {@code _total} on counters, and the namespace in
 * front. Type suffixes of histograms and summaries ({@code _bucket}, {@code _sum}, {@code _count})
 * come after this name.
 */
final class MetricNamer {
  private static final String TOTAL = "_total";

  private final String namespace;
  private final boolean addSuffixes;
  private final boolean escape;

  MetricNamer(String namespace, boolean addSuffixes, boolean escape) {
    this.namespace = namespace;
    this.addSuffixes = addSuffixes;
    this.escape = escape;
  }

  /** What the name is for: only counters get {@code _total}, only gauges a {@code _ratio}. */
  enum Kind {
    GAUGE,
    COUNTER,
    OTHER
  }

  String name(String otlpName, String unit, Kind kind) {
    String name = escape ? PrometheusNames.metricName(otlpName) : otlpName;
    if (addSuffixes) {
      if (kind == Kind.COUNTER && name.endsWith(TOTAL)) {
        // The unit goes before _total: requests_total in ms is requests_milliseconds_total.
        name = name.substring(0, name.length() - TOTAL.length());
      }
      String unitSuffix = UnitNames.suffix(unit, kind == Kind.GAUGE);
      if (!unitSuffix.isEmpty() && !("_" + name + "_").contains("_" + unitSuffix + "_")) {
        name = name + "_" + unitSuffix;
      }
      if (kind == Kind.COUNTER) {
        name = name + TOTAL;
      }
    }
    if (!namespace.isEmpty()) {
      name = namespace + "_" + name;
    }
    return escape ? PrometheusNames.metricName(name) : name;
  }
}
