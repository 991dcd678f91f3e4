package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.io.IOException;

/**
 * The value fields of a data point document in {@code mapping.mode: otel} ({@link OtelTranslator}):
 * {@code value}, or the {@code histogram}, {@code exponential_histogram} or {@code summary} object,
 * with OTLP's own field names; and the metric's temporality.
 */
final class OtelPointValues {
  private OtelPointValues() {}

  /** The point's value or distribution, as its type has it. */
  static void writeValue(JsonGenerator out, MetricPoint point) throws IOException {
    if (point instanceof MetricPoint.Number number) {
      writeNumberValue(out, number.point());
    } else if (point instanceof MetricPoint.Histogram histogram) {
      writeHistogram(out, histogram.point());
    } else if (point instanceof MetricPoint.ExponentialHistogram exponential) {
      writeExponentialHistogram(out, exponential.point());
    } else if (point instanceof MetricPoint.Summary summary) {
      writeSummary(out, summary.point());
    }
  }

  static void writeTemporality(JsonGenerator out, Metric metric) throws IOException {
    AggregationTemporality temporality =
        switch (metric.getDataCase()) {
          case SUM -> metric.getSum().getAggregationTemporality();
          case HISTOGRAM -> metric.getHistogram().getAggregationTemporality();
          case EXPONENTIAL_HISTOGRAM ->
              metric.getExponentialHistogram().getAggregationTemporality();
          default -> AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED;
        };
    if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
      out.writeStringField("temporality", "delta");
    } else if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
      out.writeStringField("temporality", "cumulative");
    }
  }

  private static void writeNumberValue(JsonGenerator out, NumberDataPoint point)
      throws IOException {
    if (point.getValueCase() == NumberDataPoint.ValueCase.AS_INT) {
      out.writeNumberField("value", point.getAsInt());
    } else if (point.getValueCase() == NumberDataPoint.ValueCase.AS_DOUBLE
        && Double.isFinite(point.getAsDouble())) {
      // Non-finite values (Prometheus staleness markers among them) have no JSON number: left out.
      out.writeNumberField("value", point.getAsDouble());
    }
  }

  private static void writeHistogram(JsonGenerator out, HistogramDataPoint point)
      throws IOException {
    out.writeObjectFieldStart("histogram");
    out.writeNumberField("count", point.getCount());
    if (point.hasSum()) {
      out.writeNumberField("sum", point.getSum());
    }
    if (point.hasMin()) {
      out.writeNumberField("min", point.getMin());
    }
    if (point.hasMax()) {
      out.writeNumberField("max", point.getMax());
    }
    out.writeArrayFieldStart("bounds");
    for (double bound : point.getExplicitBoundsList()) {
      OtlpJson.writeDouble(out, bound);
    }
    out.writeEndArray();
    out.writeArrayFieldStart("counts");
    for (long count : point.getBucketCountsList()) {
      out.writeNumber(count);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private static void writeExponentialHistogram(
      JsonGenerator out, ExponentialHistogramDataPoint point) throws IOException {
    out.writeObjectFieldStart("exponential_histogram");
    out.writeNumberField("count", point.getCount());
    if (point.hasSum()) {
      out.writeNumberField("sum", point.getSum());
    }
    if (point.hasMin()) {
      out.writeNumberField("min", point.getMin());
    }
    if (point.hasMax()) {
      out.writeNumberField("max", point.getMax());
    }
    out.writeNumberField("scale", point.getScale());
    out.writeNumberField("zero_count", point.getZeroCount());
    if (point.getZeroThreshold() != 0) {
      out.writeNumberField("zero_threshold", point.getZeroThreshold());
    }
    writeBuckets(out, "positive", point.getPositive());
    writeBuckets(out, "negative", point.getNegative());
    out.writeEndObject();
  }

  private static void writeBuckets(
      JsonGenerator out, String field, ExponentialHistogramDataPoint.Buckets buckets)
      throws IOException {
    out.writeObjectFieldStart(field);
    out.writeNumberField("offset", buckets.getOffset());
    out.writeArrayFieldStart("bucket_counts");
    for (long count : buckets.getBucketCountsList()) {
      out.writeNumber(count);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private static void writeSummary(JsonGenerator out, SummaryDataPoint point) throws IOException {
    out.writeObjectFieldStart("summary");
    out.writeNumberField("count", point.getCount());
    out.writeNumberField("sum", point.getSum());
    out.writeArrayFieldStart("quantiles");
    for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
      out.writeStartObject();
      out.writeNumberField("quantile", quantile.getQuantile());
      out.writeFieldName("value");
      OtlpJson.writeDouble(out, quantile.getValue());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }
}
