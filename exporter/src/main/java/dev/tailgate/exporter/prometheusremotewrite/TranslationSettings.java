package dev.tailgate.exporter.prometheusremotewrite;

import java.util.Map;

/**
 * The choices of the OTLP → Prometheus translation.
 *
 * @param namespace prefix of every metric name ({@code namespace_name}); empty for none
 * @param addMetricSuffixes unit suffixes, {@code _total} on counters and {@code _ratio} on unit-1
 *     gauges
 * @param addScopeLabels {@code otel_scope_name} and {@code otel_scope_version} on every series
 * @param resourceToTelemetry every resource attribute as a label on every series
 * @param targetInfo a {@code target_info} series per resource with its other attributes
 * @param externalLabels labels added to every series that does not have them already
 */
public record TranslationSettings(
    String namespace,
    boolean addMetricSuffixes,
    boolean addScopeLabels,
    boolean resourceToTelemetry,
    boolean targetInfo,
    Map<String, String> externalLabels) {

  public TranslationSettings {
    externalLabels = Map.copyOf(externalLabels);
  }

  /** The defaults of the exporter's config. */
  public static TranslationSettings defaults() {
    return new TranslationSettings("", true, true, false, true, Map.of());
  }
}
