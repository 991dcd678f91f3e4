package dev.tailgate.exporter.prometheusremotewrite;

import java.util.Map;

/**
 * The choices of the OTLP → Prometheus translation.
 *
 * @param namespace prefix of every metric name ({@code namespace_name}); empty for none
 * @param addMetricSuffixes unit suffixes, {@code _total} on counters and {@code _ratio} on unit-1
 *     gauges
 * @param addScopeLabels {@code otel_scope_name} and {@code otel_scope_version} on every series
 * @param resourceLabels the resource attributes copied as labels onto every series
 * @param targetInfo a {@code target_info} series per resource with its other attributes
 * @param externalLabels labels added to every series that does not have them already
 * @param escapeNames characters outside the classic name rules become {@code _}; {@code false}
 *     keeps UTF-8 names as they are, which only remote write 2.0 carries
 */
public record TranslationSettings(
    String namespace,
    boolean addMetricSuffixes,
    boolean addScopeLabels,
    ResourceAttributeSelection resourceLabels,
    boolean targetInfo,
    Map<String, String> externalLabels,
    boolean escapeNames) {

  public TranslationSettings {
    externalLabels = Map.copyOf(externalLabels);
  }

  /** Settings with escaped names, and every resource attribute copied or none. */
  public TranslationSettings(
      String namespace,
      boolean addMetricSuffixes,
      boolean addScopeLabels,
      boolean resourceToTelemetry,
      boolean targetInfo,
      Map<String, String> externalLabels) {
    this(
        namespace,
        addMetricSuffixes,
        addScopeLabels,
        resourceToTelemetry ? ResourceAttributeSelection.ALL : ResourceAttributeSelection.NONE,
        targetInfo,
        externalLabels,
        true);
  }

  /** The defaults of the exporter's config. */
  public static TranslationSettings defaults() {
    return new TranslationSettings("", true, true, false, true, Map.of());
  }
}
