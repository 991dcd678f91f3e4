package dev.tailgate.exporter.prometheusremotewrite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns delta monotonic sums and delta histograms into cumulative ones by keeping a running total
 * per series, since Prometheus only understands cumulative counters. State is bounded: at most
 * {@code max_tracked_series} series, each forgotten after {@code max_stale} without data (its next
 * delta starts a new total, which Prometheus sees as a counter reset).
 *
 * <p>A running total is only right if it sees every delta of its series: with several gateway
 * replicas, each one sums the deltas it happens to receive. Route all data of a series to one
 * replica, or keep cumulative temporality in the SDKs.
 *
 * <p>A delta point that overlaps the total (it starts before the last point accumulated ended, or
 * is not newer) is dropped: adding it would count some interval twice. A gap between points is
 * accepted: an SDK leaves out intervals in which nothing was recorded.
 */
public final class DeltaToCumulative {
  private final Cache<StreamKey, Object> totals;

  public DeltaToCumulative(DeltaToCumulativeConfig config, Clock clock) {
    this.totals =
        Caffeine.newBuilder()
            .maximumSize(config.maxTrackedSeries())
            .expireAfterAccess(config.maxStale())
            .ticker(
                () -> {
                  Instant now = clock.instant();
                  return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
                })
            // Evict on the calling thread, so that the bound holds when apply returns.
            .executor(Runnable::run)
            .build();
  }

  /** The request with deltas made cumulative, and how many delta points had to be dropped. */
  public record Conversion(ExportMetricsServiceRequest request, int droppedPoints) {}

  public Conversion apply(ExportMetricsServiceRequest request) {
    if (!hasDeltas(request)) {
      return new Conversion(request, 0);
    }
    int[] dropped = {0};
    ExportMetricsServiceRequest.Builder out = request.toBuilder().clearResourceMetrics();
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      ResourceMetrics.Builder resource = rm.toBuilder().clearScopeMetrics();
      List<KeyValue> resourceKey = sorted(rm.getResource().getAttributesList());
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        ScopeMetrics.Builder scope = sm.toBuilder().clearMetrics();
        for (Metric metric : sm.getMetricsList()) {
          MetricStream stream =
              new MetricStream(
                  resourceKey, sm.getScope().getName(), sm.getScope().getVersion(), metric);
          scope.addMetrics(convert(metric, stream, dropped));
        }
        resource.addScopeMetrics(scope);
      }
      out.addResourceMetrics(resource);
    }
    return new Conversion(out.build(), dropped[0]);
  }

  /** Series whose running totals are kept now. */
  public long trackedSeries() {
    totals.cleanUp();
    return totals.estimatedSize();
  }

  private Metric convert(Metric metric, MetricStream stream, int[] dropped) {
    if (isDeltaMonotonicSum(metric)) {
      Sum.Builder sum =
          metric.getSum().toBuilder()
              .clearDataPoints()
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
      for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
        NumberDataPoint cumulative = accumulate(stream.key(point.getAttributesList()), point);
        if (cumulative == null) {
          dropped[0]++;
        } else {
          sum.addDataPoints(cumulative);
        }
      }
      return metric.toBuilder().setSum(sum).build();
    }
    if (isDeltaHistogram(metric)) {
      Histogram.Builder histogram =
          metric.getHistogram().toBuilder()
              .clearDataPoints()
              .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
      for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
        HistogramDataPoint cumulative = accumulate(stream.key(point.getAttributesList()), point);
        if (cumulative == null) {
          dropped[0]++;
        } else {
          histogram.addDataPoints(cumulative);
        }
      }
      return metric.toBuilder().setHistogram(histogram).build();
    }
    return metric;
  }

  /** The cumulative point, or null when the point overlaps what was already added. */
  private NumberDataPoint accumulate(StreamKey key, NumberDataPoint point) {
    NumberDataPoint[] result = {null};
    totals
        .asMap()
        .compute(
            key,
            (k, previous) -> {
              SumTotal total = previous instanceof SumTotal s ? s : null;
              if (noRecordedValue(point.getFlags())) {
                result[0] =
                    point.toBuilder()
                        .setStartTimeUnixNano(
                            total == null ? point.getStartTimeUnixNano() : total.start())
                        .build();
                return previous;
              }
              SumTotal next;
              if (total == null || total.integer() != isInteger(point)) {
                next = SumTotal.first(point);
              } else if (overlaps(
                  point.getStartTimeUnixNano(), point.getTimeUnixNano(), total.last())) {
                return previous;
              } else {
                next = total.plus(point);
              }
              result[0] = next.toPoint(point);
              return next;
            });
    return result[0];
  }

  private HistogramDataPoint accumulate(StreamKey key, HistogramDataPoint point) {
    HistogramDataPoint[] result = {null};
    totals
        .asMap()
        .compute(
            key,
            (k, previous) -> {
              HistogramTotal total = previous instanceof HistogramTotal h ? h : null;
              if (noRecordedValue(point.getFlags())) {
                result[0] =
                    point.toBuilder()
                        .setStartTimeUnixNano(
                            total == null ? point.getStartTimeUnixNano() : total.start())
                        .build();
                return previous;
              }
              HistogramTotal next;
              if (total == null || !total.sameBuckets(point)) {
                next = HistogramTotal.first(point);
              } else if (overlaps(
                  point.getStartTimeUnixNano(), point.getTimeUnixNano(), total.last())) {
                return previous;
              } else {
                next = total.plus(point);
              }
              result[0] = next.toPoint(point);
              return next;
            });
    return result[0];
  }

  private static boolean overlaps(long start, long time, long lastAccumulated) {
    return time <= lastAccumulated || (start != 0 && start < lastAccumulated);
  }

  private static boolean hasDeltas(ExportMetricsServiceRequest request) {
    for (ResourceMetrics rm : request.getResourceMetricsList()) {
      for (ScopeMetrics sm : rm.getScopeMetricsList()) {
        for (Metric metric : sm.getMetricsList()) {
          if (isDeltaMonotonicSum(metric) || isDeltaHistogram(metric)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean isDeltaMonotonicSum(Metric metric) {
    return metric.hasSum()
        && metric.getSum().getIsMonotonic()
        && metric.getSum().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  }

  private static boolean isDeltaHistogram(Metric metric) {
    return metric.hasHistogram()
        && metric.getHistogram().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  }

  static boolean isInteger(NumberDataPoint point) {
    return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT;
  }

  private static boolean noRecordedValue(int flags) {
    return (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
  }

  static List<KeyValue> sorted(List<KeyValue> attributes) {
    List<KeyValue> out = new ArrayList<>(attributes);
    out.sort(Comparator.comparing(KeyValue::getKey));
    return List.copyOf(out);
  }

  /** One metric of one resource and scope; its points' attributes complete a series key. */
  private record MetricStream(
      List<KeyValue> resource, String scopeName, String scopeVersion, Metric metric) {
    StreamKey key(List<KeyValue> attributes) {
      return new StreamKey(
          resource,
          scopeName,
          scopeVersion,
          metric.getName(),
          metric.getUnit(),
          metric.getDataCase(),
          sorted(attributes));
    }
  }

  /** Identifies a series: equal attributes in any order are the same series. */
  record StreamKey(
      List<KeyValue> resource,
      String scopeName,
      String scopeVersion,
      String metric,
      String unit,
      Metric.DataCase type,
      List<KeyValue> attributes) {}
}
