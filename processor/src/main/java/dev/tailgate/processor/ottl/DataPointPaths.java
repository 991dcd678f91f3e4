package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPointOrBuilder;
import io.opentelemetry.proto.metrics.v1.HistogramDataPointOrBuilder;
import io.opentelemetry.proto.metrics.v1.NumberDataPointOrBuilder;
import io.opentelemetry.proto.metrics.v1.SummaryDataPointOrBuilder;
import java.util.List;

/**
 * The data point context's paths; {@code metric.*} reads the point's metric. A path that a kind of
 * point does not have ({@code value_int} of a histogram point, {@code count} of a gauge's) is nil.
 */
final class DataPointPaths {
  static final List<String> NAMES =
      ScopePaths.with(
          List.of(
              "attributes",
              "start_time_unix_nano",
              "time_unix_nano",
              "value_int",
              "value_double",
              "count",
              "sum",
              "flags",
              "metric.<any metric path>"));

  private DataPointPaths() {}

  static Field<DataPointItem> resolve(String path) {
    return switch (path) {
      case "attributes" -> Field.indexable(i -> new Attributes(attributes(i.point())));
      case "start_time_unix_nano" -> Field.of(i -> startTime(i.point()));
      case "time_unix_nano" -> Field.of(i -> time(i.point()));
      case "value_int" ->
          Field.of(
              i ->
                  i.point() instanceof NumberDataPointOrBuilder n && n.hasAsInt()
                      ? n.getAsInt()
                      : null);
      case "value_double" ->
          Field.of(
              i ->
                  i.point() instanceof NumberDataPointOrBuilder n && n.hasAsDouble()
                      ? n.getAsDouble()
                      : null);
      case "count" -> Field.of(i -> count(i.point()));
      case "sum" -> Field.of(i -> sum(i.point()));
      case "flags" -> Field.of(i -> flags(i.point()));
      default -> {
        if (path.startsWith("metric.")) {
          Field<MetricItem> field = MetricPaths.resolve(path.substring("metric.".length()));
          yield field == null ? null : field.from(DataPointItem::metric);
        }
        yield ScopePaths.resolve(path);
      }
    };
  }

  private static List<io.opentelemetry.proto.common.v1.KeyValue> attributes(Object point) {
    if (point instanceof NumberDataPointOrBuilder p) {
      return p.getAttributesList();
    }
    if (point instanceof HistogramDataPointOrBuilder p) {
      return p.getAttributesList();
    }
    if (point instanceof ExponentialHistogramDataPointOrBuilder p) {
      return p.getAttributesList();
    }
    return ((SummaryDataPointOrBuilder) point).getAttributesList();
  }

  private static Long startTime(Object point) {
    if (point instanceof NumberDataPointOrBuilder p) {
      return p.getStartTimeUnixNano();
    }
    if (point instanceof HistogramDataPointOrBuilder p) {
      return p.getStartTimeUnixNano();
    }
    if (point instanceof ExponentialHistogramDataPointOrBuilder p) {
      return p.getStartTimeUnixNano();
    }
    return ((SummaryDataPointOrBuilder) point).getStartTimeUnixNano();
  }

  private static Long time(Object point) {
    if (point instanceof NumberDataPointOrBuilder p) {
      return p.getTimeUnixNano();
    }
    if (point instanceof HistogramDataPointOrBuilder p) {
      return p.getTimeUnixNano();
    }
    if (point instanceof ExponentialHistogramDataPointOrBuilder p) {
      return p.getTimeUnixNano();
    }
    return ((SummaryDataPointOrBuilder) point).getTimeUnixNano();
  }

  private static Long flags(Object point) {
    if (point instanceof NumberDataPointOrBuilder p) {
      return (long) p.getFlags();
    }
    if (point instanceof HistogramDataPointOrBuilder p) {
      return (long) p.getFlags();
    }
    if (point instanceof ExponentialHistogramDataPointOrBuilder p) {
      return (long) p.getFlags();
    }
    return (long) ((SummaryDataPointOrBuilder) point).getFlags();
  }

  private static Long count(Object point) {
    if (point instanceof HistogramDataPointOrBuilder p) {
      return p.getCount();
    }
    if (point instanceof ExponentialHistogramDataPointOrBuilder p) {
      return p.getCount();
    }
    if (point instanceof SummaryDataPointOrBuilder p) {
      return p.getCount();
    }
    return null;
  }

  private static Double sum(Object point) {
    if (point instanceof HistogramDataPointOrBuilder p) {
      return p.hasSum() ? p.getSum() : null;
    }
    if (point instanceof ExponentialHistogramDataPointOrBuilder p) {
      return p.hasSum() ? p.getSum() : null;
    }
    if (point instanceof SummaryDataPointOrBuilder p) {
      return p.getSum();
    }
    return null;
  }
}
