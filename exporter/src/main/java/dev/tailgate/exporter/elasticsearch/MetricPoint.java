package dev.tailgate.exporter.elasticsearch;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;

/** One data point of a metric; each becomes one document. */
sealed interface MetricPoint {
  Metric metric();

  List<KeyValue> attributes();

  long timeUnixNano();

  long startTimeUnixNano();

  /**
   * The metric's kind as written in documents: gauge, sum, histogram, exponential_histogram,
   * summary.
   */
  default String type() {
    return switch (metric().getDataCase()) {
      case GAUGE -> "gauge";
      case SUM -> "sum";
      case HISTOGRAM -> "histogram";
      case EXPONENTIAL_HISTOGRAM -> "exponential_histogram";
      case SUMMARY -> "summary";
      default -> "unknown";
    };
  }

  record Number(Metric metric, NumberDataPoint point) implements MetricPoint {
    @Override
    public List<KeyValue> attributes() {
      return point.getAttributesList();
    }

    @Override
    public long timeUnixNano() {
      return point.getTimeUnixNano();
    }

    @Override
    public long startTimeUnixNano() {
      return point.getStartTimeUnixNano();
    }
  }

  record Histogram(Metric metric, HistogramDataPoint point) implements MetricPoint {
    @Override
    public List<KeyValue> attributes() {
      return point.getAttributesList();
    }

    @Override
    public long timeUnixNano() {
      return point.getTimeUnixNano();
    }

    @Override
    public long startTimeUnixNano() {
      return point.getStartTimeUnixNano();
    }
  }

  record ExponentialHistogram(Metric metric, ExponentialHistogramDataPoint point)
      implements MetricPoint {
    @Override
    public List<KeyValue> attributes() {
      return point.getAttributesList();
    }

    @Override
    public long timeUnixNano() {
      return point.getTimeUnixNano();
    }

    @Override
    public long startTimeUnixNano() {
      return point.getStartTimeUnixNano();
    }
  }

  record Summary(Metric metric, SummaryDataPoint point) implements MetricPoint {
    @Override
    public List<KeyValue> attributes() {
      return point.getAttributesList();
    }

    @Override
    public long timeUnixNano() {
      return point.getTimeUnixNano();
    }

    @Override
    public long startTimeUnixNano() {
      return point.getStartTimeUnixNano();
    }
  }
}
