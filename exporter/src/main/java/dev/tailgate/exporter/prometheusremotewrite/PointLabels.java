package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels every point of one resource and scope starts from, in the precedence {@link
 * OtlpToPrometheus} describes.
 */
final class PointLabels {
  private final TranslationSettings settings;
  private final Map<String, String> below;
  private final Map<String, String> above;

  PointLabels(TranslationSettings settings, ResourceLabels resource, InstrumentationScope scope) {
    this.settings = settings;
    this.below = resource.copied();
    Map<String, String> above = new LinkedHashMap<>();
    if (settings.addScopeLabels()) {
      above.put("otel_scope_name", scope.getName());
      above.put("otel_scope_version", scope.getVersion());
    }
    above.putAll(resource.target());
    this.above = above;
  }

  /** The labels of one point before naming: computed once for all series of the point. */
  Map<String, String> of(List<KeyValue> attributes) {
    Map<String, String> labels = new LinkedHashMap<>(below);
    labels.putAll(LabelsBuilder.fromAttributes(attributes, settings.escapeNames()));
    labels.putAll(above);
    return labels;
  }

  List<Label> named(Map<String, String> point, String metricName) {
    return builder(point, metricName).build();
  }

  List<Label> named(
      Map<String, String> point, String metricName, String extraName, String extraValue) {
    return builder(point, metricName).put(extraName, extraValue).build();
  }

  private LabelsBuilder builder(Map<String, String> point, String metricName) {
    return new LabelsBuilder()
        .putAll(point)
        .put(OtlpToPrometheus.METRIC_NAME, metricName)
        .putAbsent(settings.externalLabels());
  }
}
