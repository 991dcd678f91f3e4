package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small OTLP metrics and helpers to look into translated series, for this package's tests. */
final class Otlp {
  /** 2023-11-14T22:13:20Z in nanoseconds. */
  static final long T0 = 1_700_000_000_000_000_000L;

  static final long T0_MILLIS = T0 / 1_000_000;
  static final long SECOND = 1_000_000_000L;

  private Otlp() {}

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static Resource resource(String... keyValues) {
    Resource.Builder resource = Resource.newBuilder();
    for (int i = 0; i < keyValues.length; i += 2) {
      resource.addAttributes(attr(keyValues[i], keyValues[i + 1]));
    }
    return resource.build();
  }

  static ExportMetricsServiceRequest request(Resource resource, Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource)
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder().setName("shop").setVersion("1.2"))
                        .addAllMetrics(List.of(metrics))))
        .build();
  }

  /** A request from service {@code checkout} without instance or other attributes. */
  static ExportMetricsServiceRequest request(Metric... metrics) {
    return request(resource("service.name", "checkout"), metrics);
  }

  static NumberDataPoint point(double value, KeyValue... attributes) {
    return NumberDataPoint.newBuilder()
        .setTimeUnixNano(T0)
        .setAsDouble(value)
        .addAllAttributes(List.of(attributes))
        .build();
  }

  static Metric gauge(String name, String unit, NumberDataPoint... points) {
    return Metric.newBuilder()
        .setName(name)
        .setUnit(unit)
        .setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points)))
        .build();
  }

  static Metric sum(
      String name,
      String unit,
      boolean monotonic,
      AggregationTemporality temporality,
      NumberDataPoint... points) {
    return Metric.newBuilder()
        .setName(name)
        .setUnit(unit)
        .setSum(
            Sum.newBuilder()
                .setIsMonotonic(monotonic)
                .setAggregationTemporality(temporality)
                .addAllDataPoints(List.of(points)))
        .build();
  }

  static Metric counter(String name, String unit, NumberDataPoint... points) {
    return sum(name, unit, true, AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, points);
  }

  static Map<String, String> labels(TimeSeries series) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Label label : series.getLabelsList()) {
      out.put(label.getName(), label.getValue());
    }
    return out;
  }

  static List<String> names(List<TimeSeries> series) {
    List<String> out = new ArrayList<>();
    for (TimeSeries ts : series) {
      out.add(labels(ts).get("__name__"));
    }
    return out;
  }

  /** The one series with these labels (and maybe others). */
  static TimeSeries find(List<TimeSeries> series, String... keyValues) {
    List<TimeSeries> found = new ArrayList<>();
    for (TimeSeries ts : series) {
      Map<String, String> labels = labels(ts);
      boolean all = true;
      for (int i = 0; i < keyValues.length; i += 2) {
        all &= keyValues[i + 1].equals(labels.get(keyValues[i]));
      }
      if (all) {
        found.add(ts);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one series with "
              + List.of(keyValues)
              + " but found "
              + found.size()
              + " in "
              + names(series));
    }
    return found.get(0);
  }
}
