package dev.tailgate.exporter.debug;

import com.google.protobuf.TextFormat;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;

final class MetricsFormatter implements BatchFormatter<ExportMetricsServiceRequest> {

  @Override
  public String summary(ExportMetricsServiceRequest batch) {
    int metrics = 0;
    int points = 0;
    for (ResourceMetrics resource : batch.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        metrics += scope.getMetricsCount();
        for (Metric metric : scope.getMetricsList()) {
          points += dataPoints(metric);
        }
      }
    }
    return "metrics: "
        + batch.getResourceMetricsCount()
        + " resource metrics, "
        + metrics
        + " metrics, "
        + points
        + " data points";
  }

  @Override
  public List<String> items(ExportMetricsServiceRequest batch) {
    List<String> lines = new ArrayList<>();
    for (ResourceMetrics resource : batch.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          lines.add(
              "metric \""
                  + metric.getName()
                  + "\" "
                  + metric.getDataCase().name().toLowerCase(java.util.Locale.ROOT)
                  + " points="
                  + dataPoints(metric));
        }
      }
    }
    return lines;
  }

  @Override
  public String detailed(ExportMetricsServiceRequest batch) {
    return TextFormat.printer().printToString(batch);
  }

  private static int dataPoints(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }
}
