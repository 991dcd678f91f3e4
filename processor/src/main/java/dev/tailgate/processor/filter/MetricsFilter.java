package dev.tailgate.processor.filter;

import com.google.protobuf.MessageOrBuilder;
import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.DataPointItem;
import dev.tailgate.processor.ottl.MetricItem;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops metrics that match a metric condition and data points that match a datapoint condition. As
 * in the Collector, a dropped metric's points are not looked at, a metric whose points are all
 * dropped is dropped too, and scopes and resources left empty are removed.
 */
final class MetricsFilter implements ItemFilter<ExportMetricsServiceRequest> {
  private final Conditions<MetricItem> metrics;
  private final Conditions<DataPointItem> points;
  private final Counter droppedMetrics;
  private final Counter droppedPoints;

  MetricsFilter(
      Conditions<MetricItem> metrics, Conditions<DataPointItem> points, FilterMetrics selfMetrics) {
    this.metrics = metrics;
    this.points = points;
    this.droppedMetrics = selfMetrics.dropped("metrics");
    this.droppedPoints = selfMetrics.dropped("datapoints");
  }

  @Override
  public ExportMetricsServiceRequest filter(ExportMetricsServiceRequest request) {
    long metricsDropped = 0;
    long pointsDropped = 0;
    boolean changed = false;
    List<ResourceMetrics> resources = new ArrayList<>(request.getResourceMetricsCount());
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      List<ScopeMetrics> scopes = new ArrayList<>(resource.getScopeMetricsCount());
      boolean resourceChanged = false;
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        List<Metric> kept = new ArrayList<>(scope.getMetricsCount());
        boolean scopeChanged = false;
        for (Metric metric : scope.getMetricsList()) {
          MetricItem item = new MetricItem(resource.getResource(), scope.getScope(), metric);
          if (!metrics.isEmpty() && metrics.anyMatches(item)) {
            metricsDropped++;
            scopeChanged = true;
            continue;
          }
          if (points.isEmpty()) {
            kept.add(metric);
            continue;
          }
          int before = pointCount(metric);
          Metric filtered = withoutMatchingPoints(item);
          int after = pointCount(filtered);
          pointsDropped += before - after;
          scopeChanged |= filtered != metric;
          if (after > 0 || before == 0) {
            kept.add(filtered);
          }
        }
        if (scopeChanged) {
          resourceChanged = true;
          if (!kept.isEmpty()) {
            scopes.add(scope.toBuilder().clearMetrics().addAllMetrics(kept).build());
          }
        } else {
          scopes.add(scope);
        }
      }
      if (resourceChanged) {
        changed = true;
        if (!scopes.isEmpty()) {
          resources.add(
              resource.toBuilder().clearScopeMetrics().addAllScopeMetrics(scopes).build());
        }
      } else {
        resources.add(resource);
      }
    }
    if (!changed) {
      return request;
    }
    droppedMetrics.increment(metricsDropped);
    droppedPoints.increment(pointsDropped);
    return request.toBuilder().clearResourceMetrics().addAllResourceMetrics(resources).build();
  }

  /** The metric without its matching points: the same instance when none matched. */
  private Metric withoutMatchingPoints(MetricItem item) {
    Metric metric = item.metric();
    return switch (metric.getDataCase()) {
      case GAUGE -> {
        var kept = kept(metric.getGauge().getDataPointsList(), item);
        yield kept == null
            ? metric
            : metric.toBuilder()
                .setGauge(metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(kept))
                .build();
      }
      case SUM -> {
        var kept = kept(metric.getSum().getDataPointsList(), item);
        yield kept == null
            ? metric
            : metric.toBuilder()
                .setSum(metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(kept))
                .build();
      }
      case HISTOGRAM -> {
        var kept = kept(metric.getHistogram().getDataPointsList(), item);
        yield kept == null
            ? metric
            : metric.toBuilder()
                .setHistogram(
                    metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(kept))
                .build();
      }
      case EXPONENTIAL_HISTOGRAM -> {
        var kept = kept(metric.getExponentialHistogram().getDataPointsList(), item);
        yield kept == null
            ? metric
            : metric.toBuilder()
                .setExponentialHistogram(
                    metric.getExponentialHistogram().toBuilder()
                        .clearDataPoints()
                        .addAllDataPoints(kept))
                .build();
      }
      case SUMMARY -> {
        var kept = kept(metric.getSummary().getDataPointsList(), item);
        yield kept == null
            ? metric
            : metric.toBuilder()
                .setSummary(
                    metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(kept))
                .build();
      }
      default -> metric;
    };
  }

  /** The points that match no condition; null when that is all of them. */
  private <P extends MessageOrBuilder> List<P> kept(List<P> all, MetricItem metric) {
    List<P> kept = new ArrayList<>(all.size());
    for (P point : all) {
      if (!points.anyMatches(new DataPointItem(metric, point))) {
        kept.add(point);
      }
    }
    return kept.size() == all.size() ? null : kept;
  }

  private static int pointCount(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      default -> 0;
    };
  }
}
