package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;

/**
 * Metric metadata, the data point attributes of every metric type and the filtered attributes of
 * exemplars. Exemplars and metadata get no summary attributes: they would read as measured
 * attributes.
 */
final class MetricRedactor {
  private final AttributeRedactor attributes;

  MetricRedactor(AttributeRedactor attributes) {
    this.attributes = attributes;
  }

  Metric metric(Metric metric, RedactionCounts counts) {
    Metric withData = data(metric, counts);
    List<KeyValue> in = metric.getMetadataList();
    List<KeyValue> out = attributes.redactWithoutSummary(in, counts);
    return out == in ? withData : withData.toBuilder().clearMetadata().addAllMetadata(out).build();
  }

  private Metric data(Metric metric, RedactionCounts counts) {
    switch (metric.getDataCase()) {
      case GAUGE:
        {
          List<NumberDataPoint> in = metric.getGauge().getDataPointsList();
          List<NumberDataPoint> out = CopyOnWrite.map(in, point -> numberPoint(point, counts));
          return out == in
              ? metric
              : metric.toBuilder()
                  .setGauge(metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(out))
                  .build();
        }
      case SUM:
        {
          List<NumberDataPoint> in = metric.getSum().getDataPointsList();
          List<NumberDataPoint> out = CopyOnWrite.map(in, point -> numberPoint(point, counts));
          return out == in
              ? metric
              : metric.toBuilder()
                  .setSum(metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(out))
                  .build();
        }
      case HISTOGRAM:
        {
          List<HistogramDataPoint> in = metric.getHistogram().getDataPointsList();
          List<HistogramDataPoint> out =
              CopyOnWrite.map(in, point -> histogramPoint(point, counts));
          return out == in
              ? metric
              : metric.toBuilder()
                  .setHistogram(
                      metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(out))
                  .build();
        }
      case EXPONENTIAL_HISTOGRAM:
        {
          List<ExponentialHistogramDataPoint> in =
              metric.getExponentialHistogram().getDataPointsList();
          List<ExponentialHistogramDataPoint> out =
              CopyOnWrite.map(in, point -> exponentialPoint(point, counts));
          return out == in
              ? metric
              : metric.toBuilder()
                  .setExponentialHistogram(
                      metric.getExponentialHistogram().toBuilder()
                          .clearDataPoints()
                          .addAllDataPoints(out))
                  .build();
        }
      case SUMMARY:
        {
          List<SummaryDataPoint> in = metric.getSummary().getDataPointsList();
          List<SummaryDataPoint> out = CopyOnWrite.map(in, point -> summaryPoint(point, counts));
          return out == in
              ? metric
              : metric.toBuilder()
                  .setSummary(
                      metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(out))
                  .build();
        }
      default:
        return metric;
    }
  }

  private NumberDataPoint numberPoint(NumberDataPoint point, RedactionCounts counts) {
    List<KeyValue> attributesIn = point.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    List<Exemplar> exemplarsIn = point.getExemplarsList();
    List<Exemplar> exemplarsOut = exemplars(exemplarsIn, counts);
    if (attributesOut == attributesIn && exemplarsOut == exemplarsIn) {
      return point;
    }
    NumberDataPoint.Builder builder = point.toBuilder();
    if (attributesOut != attributesIn) {
      builder.clearAttributes().addAllAttributes(attributesOut);
    }
    if (exemplarsOut != exemplarsIn) {
      builder.clearExemplars().addAllExemplars(exemplarsOut);
    }
    return builder.build();
  }

  private HistogramDataPoint histogramPoint(HistogramDataPoint point, RedactionCounts counts) {
    List<KeyValue> attributesIn = point.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    List<Exemplar> exemplarsIn = point.getExemplarsList();
    List<Exemplar> exemplarsOut = exemplars(exemplarsIn, counts);
    if (attributesOut == attributesIn && exemplarsOut == exemplarsIn) {
      return point;
    }
    HistogramDataPoint.Builder builder = point.toBuilder();
    if (attributesOut != attributesIn) {
      builder.clearAttributes().addAllAttributes(attributesOut);
    }
    if (exemplarsOut != exemplarsIn) {
      builder.clearExemplars().addAllExemplars(exemplarsOut);
    }
    return builder.build();
  }

  private ExponentialHistogramDataPoint exponentialPoint(
      ExponentialHistogramDataPoint point, RedactionCounts counts) {
    List<KeyValue> attributesIn = point.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    List<Exemplar> exemplarsIn = point.getExemplarsList();
    List<Exemplar> exemplarsOut = exemplars(exemplarsIn, counts);
    if (attributesOut == attributesIn && exemplarsOut == exemplarsIn) {
      return point;
    }
    ExponentialHistogramDataPoint.Builder builder = point.toBuilder();
    if (attributesOut != attributesIn) {
      builder.clearAttributes().addAllAttributes(attributesOut);
    }
    if (exemplarsOut != exemplarsIn) {
      builder.clearExemplars().addAllExemplars(exemplarsOut);
    }
    return builder.build();
  }

  private SummaryDataPoint summaryPoint(SummaryDataPoint point, RedactionCounts counts) {
    List<KeyValue> in = point.getAttributesList();
    List<KeyValue> out = attributes.redactSet(in, counts);
    return out == in ? point : point.toBuilder().clearAttributes().addAllAttributes(out).build();
  }

  private List<Exemplar> exemplars(List<Exemplar> exemplars, RedactionCounts counts) {
    return exemplars.isEmpty()
        ? exemplars
        : CopyOnWrite.map(exemplars, exemplar -> exemplar(exemplar, counts));
  }

  private Exemplar exemplar(Exemplar exemplar, RedactionCounts counts) {
    List<KeyValue> in = exemplar.getFilteredAttributesList();
    List<KeyValue> out = attributes.redactWithoutSummary(in, counts);
    return out == in
        ? exemplar
        : exemplar.toBuilder().clearFilteredAttributes().addAllFilteredAttributes(out).build();
  }
}
