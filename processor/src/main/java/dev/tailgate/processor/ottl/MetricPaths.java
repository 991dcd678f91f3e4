package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;

/** The metric context's paths. */
final class MetricPaths {
  static final List<String> NAMES =
      ScopePaths.with(
          List.of(
              "name", "description", "unit", "type", "aggregation_temporality", "is_monotonic"));

  private MetricPaths() {}

  static Field<MetricItem> resolve(String path) {
    return switch (path) {
      case "name" -> Field.of(i -> i.metric().getName());
      case "description" -> Field.of(i -> i.metric().getDescription());
      case "unit" -> Field.of(i -> i.metric().getUnit());
      case "type" -> Field.of(i -> type(i.metric()));
      case "aggregation_temporality" -> Field.of(i -> temporality(i.metric()));
      case "is_monotonic" ->
          Field.of(i -> i.metric().hasSum() && i.metric().getSum().getIsMonotonic());
      default -> ScopePaths.resolve(path);
    };
  }

  /** As the {@code METRIC_DATA_TYPE_*} enums number them. */
  static long type(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> 1;
      case SUM -> 2;
      case HISTOGRAM -> 3;
      case EXPONENTIAL_HISTOGRAM -> 4;
      case SUMMARY -> 5;
      default -> 0;
    };
  }

  private static long temporality(Metric metric) {
    return switch (metric.getDataCase()) {
      case SUM -> metric.getSum().getAggregationTemporalityValue();
      case HISTOGRAM -> metric.getHistogram().getAggregationTemporalityValue();
      case EXPONENTIAL_HISTOGRAM ->
          metric.getExponentialHistogram().getAggregationTemporalityValue();
      default -> 0;
    };
  }
}
