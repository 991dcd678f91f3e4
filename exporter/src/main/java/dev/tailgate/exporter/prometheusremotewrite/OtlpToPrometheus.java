package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OTLP metrics → Prometheus series, after the OpenTelemetry ↔ Prometheus compatibility spec. Pure:
 * the same request always gives the same series. Delta sums and histograms must have been made
 * cumulative before ({@link DeltaToCumulative}); those still delta are dropped, as the spec says.
 *
 * <p>Label precedence, lowest first: resource attributes (with resource_to_telemetry_conversion),
 * point attributes, {@code otel_scope_*}, {@code job}/{@code instance}, the names this translation
 * adds ({@code __name__}, {@code le}, {@code quantile}); external labels fill in only what is
 * missing.
 */
public final class OtlpToPrometheus {
  /** Prometheus's staleness marker: a series ends here. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);
  static final String METRIC_NAME = "__name__";
  static final String TARGET_INFO = "target_info";

  private final TranslationSettings settings;
  private final MetricNamer namer;

  public OtlpToPrometheus(TranslationSettings settings) {
    this.settings = settings;
    this.namer =
        new MetricNamer(settings.namespace(), settings.addMetricSuffixes(), settings.escapeNames());
  }

  public Translation translate(ExportMetricsServiceRequest request) {
    SeriesCollector out = new SeriesCollector();
    int dropped = 0;
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      ResourceLabels resource =
          ResourceLabels.of(
              resourceMetrics.getResource(), settings.escapeNames(), settings.resourceLabels());
      long latest = Long.MIN_VALUE;
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        PointLabels labels = new PointLabels(settings, resource, scopeMetrics.getScope());
        for (Metric metric : scopeMetrics.getMetricsList()) {
          MetricOutcome outcome = translate(metric, labels, out);
          dropped += outcome.dropped();
          latest = Math.max(latest, outcome.latestMillis());
        }
      }
      if (settings.targetInfo() && latest != Long.MIN_VALUE && !resource.info().isEmpty()) {
        out.describe(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.GAUGE).build());
        out.addSample(targetInfoLabels(resource), latest, 1);
      }
    }
    return new Translation(out.timeSeries(), dropped, out.metadata());
  }

  private List<Label> targetInfoLabels(ResourceLabels resource) {
    String name =
        settings.namespace().isEmpty() ? TARGET_INFO : settings.namespace() + "_" + TARGET_INFO;
    return new LabelsBuilder()
        .putAll(resource.info())
        .putAll(resource.target())
        .put(METRIC_NAME, name)
        .putAbsent(settings.externalLabels())
        .build();
  }

  private MetricOutcome translate(Metric metric, PointLabels labels, SeriesCollector out) {
    return switch (metric.getDataCase()) {
      case GAUGE ->
          numbers(
              metric, metric.getGauge().getDataPointsList(), MetricNamer.Kind.GAUGE, labels, out);
      case SUM -> {
        if (metric.getSum().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
          yield MetricOutcome.dropped(metric.getSum().getDataPointsCount());
        }
        // A non-monotonic sum (an up-down counter) is a value that goes up and down: a gauge.
        MetricNamer.Kind kind =
            metric.getSum().getIsMonotonic() ? MetricNamer.Kind.COUNTER : MetricNamer.Kind.OTHER;
        yield numbers(metric, metric.getSum().getDataPointsList(), kind, labels, out);
      }
      case HISTOGRAM -> {
        if (metric.getHistogram().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
          yield MetricOutcome.dropped(metric.getHistogram().getDataPointsCount());
        }
        yield histograms(metric, labels, out);
      }
      case EXPONENTIAL_HISTOGRAM -> {
        if (metric.getExponentialHistogram().getAggregationTemporality()
            == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
          yield MetricOutcome.dropped(metric.getExponentialHistogram().getDataPointsCount());
        }
        yield nativeHistograms(metric, labels, out);
      }
      case SUMMARY -> summaries(metric, labels, out);
      case DATA_NOT_SET -> MetricOutcome.NOTHING;
    };
  }

  private MetricOutcome numbers(
      Metric metric,
      List<NumberDataPoint> points,
      MetricNamer.Kind kind,
      PointLabels labels,
      SeriesCollector out) {
    String name = namer.name(metric.getName(), metric.getUnit(), kind);
    out.describe(
        describe(
            metric,
            name,
            kind == MetricNamer.Kind.COUNTER
                ? MetricMetadata.MetricType.COUNTER
                : MetricMetadata.MetricType.GAUGE));
    MetricOutcome outcome = MetricOutcome.NOTHING;
    for (NumberDataPoint point : points) {
      long t = millis(point.getTimeUnixNano());
      double value;
      if (noRecordedValue(point.getFlags())) {
        value = STALE_NAN;
      } else if (point.getValueCase() == NumberDataPoint.ValueCase.AS_DOUBLE) {
        value = point.getAsDouble();
      } else if (point.getValueCase() == NumberDataPoint.ValueCase.AS_INT) {
        value = point.getAsInt();
      } else {
        outcome = outcome.plusDropped();
        continue;
      }
      List<Label> series = labels.named(labels.of(point.getAttributesList()), name);
      out.addSample(series, t, value);
      // Exemplars belong to counters and histograms only, says the spec.
      if (kind == MetricNamer.Kind.COUNTER && !noRecordedValue(point.getFlags())) {
        for (Exemplar exemplar : point.getExemplarsList()) {
          out.addExemplar(series, Exemplars.toPrometheus(exemplar, settings.escapeNames()));
        }
      }
      outcome = outcome.plusTime(t);
    }
    return outcome;
  }

  private MetricOutcome histograms(Metric metric, PointLabels labels, SeriesCollector out) {
    String name = namer.name(metric.getName(), metric.getUnit(), MetricNamer.Kind.OTHER);
    out.describe(describe(metric, name, MetricMetadata.MetricType.HISTOGRAM));
    MetricOutcome outcome = MetricOutcome.NOTHING;
    for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
      int bounds = point.getExplicitBoundsCount();
      if (point.getBucketCountsCount() != 0 && point.getBucketCountsCount() != bounds + 1) {
        outcome = outcome.plusDropped(); // malformed: which count belongs to which bound?
        continue;
      }
      long t = millis(point.getTimeUnixNano());
      boolean stale = noRecordedValue(point.getFlags());
      Map<String, String> attributes = labels.of(point.getAttributesList());
      long cumulative = 0;
      for (int i = 0; i < bounds; i++) {
        cumulative += point.getBucketCountsCount() == 0 ? 0 : point.getBucketCounts(i);
        List<Label> bucket =
            labels.named(
                attributes,
                name + "_bucket",
                "le",
                PrometheusFloats.format(point.getExplicitBounds(i)));
        out.addSample(bucket, t, stale ? STALE_NAN : cumulative);
      }
      List<Label> infBucket = labels.named(attributes, name + "_bucket", "le", "+Inf");
      out.addSample(infBucket, t, stale ? STALE_NAN : point.getCount());
      if (!stale) {
        for (Exemplar exemplar : point.getExemplarsList()) {
          out.addExemplar(
              bucketOf(point, Exemplars.value(exemplar), attributes, name, labels),
              Exemplars.toPrometheus(exemplar, settings.escapeNames()));
        }
      }
      if (point.hasSum() || stale) {
        out.addSample(
            labels.named(attributes, name + "_sum"), t, stale ? STALE_NAN : point.getSum());
      }
      out.addSample(
          labels.named(attributes, name + "_count"), t, stale ? STALE_NAN : point.getCount());
      outcome = outcome.plusTime(t);
    }
    return outcome;
  }

  /** The series of the first bucket whose upper bound holds {@code value}. */
  private List<Label> bucketOf(
      HistogramDataPoint point,
      double value,
      Map<String, String> attributes,
      String name,
      PointLabels labels) {
    for (int i = 0; i < point.getExplicitBoundsCount(); i++) {
      if (value <= point.getExplicitBounds(i)) {
        return labels.named(
            attributes,
            name + "_bucket",
            "le",
            PrometheusFloats.format(point.getExplicitBounds(i)));
      }
    }
    return labels.named(attributes, name + "_bucket", "le", "+Inf");
  }

  private MetricOutcome nativeHistograms(Metric metric, PointLabels labels, SeriesCollector out) {
    String name = namer.name(metric.getName(), metric.getUnit(), MetricNamer.Kind.OTHER);
    out.describe(describe(metric, name, MetricMetadata.MetricType.HISTOGRAM));
    MetricOutcome outcome = MetricOutcome.NOTHING;
    for (ExponentialHistogramDataPoint point :
        metric.getExponentialHistogram().getDataPointsList()) {
      long t = millis(point.getTimeUnixNano());
      Optional<Histogram> histogram =
          noRecordedValue(point.getFlags())
              ? Optional.of(NativeHistograms.stale(t))
              : NativeHistograms.fromExponential(point, t);
      if (histogram.isEmpty()) {
        outcome = outcome.plusDropped();
        continue;
      }
      List<Label> series = labels.named(labels.of(point.getAttributesList()), name);
      out.addHistogram(series, histogram.get());
      if (!noRecordedValue(point.getFlags())) {
        for (Exemplar exemplar : point.getExemplarsList()) {
          out.addExemplar(series, Exemplars.toPrometheus(exemplar, settings.escapeNames()));
        }
      }
      outcome = outcome.plusTime(t);
    }
    return outcome;
  }

  private MetricOutcome summaries(Metric metric, PointLabels labels, SeriesCollector out) {
    String name = namer.name(metric.getName(), metric.getUnit(), MetricNamer.Kind.OTHER);
    out.describe(describe(metric, name, MetricMetadata.MetricType.SUMMARY));
    MetricOutcome outcome = MetricOutcome.NOTHING;
    for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
      long t = millis(point.getTimeUnixNano());
      boolean stale = noRecordedValue(point.getFlags());
      Map<String, String> attributes = labels.of(point.getAttributesList());
      for (SummaryDataPoint.ValueAtQuantile q : point.getQuantileValuesList()) {
        List<Label> series =
            labels.named(attributes, name, "quantile", PrometheusFloats.format(q.getQuantile()));
        out.addSample(series, t, stale ? STALE_NAN : q.getValue());
      }
      out.addSample(labels.named(attributes, name + "_sum"), t, stale ? STALE_NAN : point.getSum());
      out.addSample(
          labels.named(attributes, name + "_count"), t, stale ? STALE_NAN : point.getCount());
      outcome = outcome.plusTime(t);
    }
    return outcome;
  }

  /** What remote write 2.0 sends beside a metric's series: its type, description and unit. */
  private static MetricMetadata describe(
      Metric metric, String name, MetricMetadata.MetricType type) {
    return MetricMetadata.newBuilder()
        .setType(type)
        .setMetricFamilyName(name)
        .setHelp(metric.getDescription())
        .setUnit(UnitNames.suffix(metric.getUnit(), type == MetricMetadata.MetricType.GAUGE))
        .build();
  }

  private static boolean noRecordedValue(int flags) {
    return (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
  }

  private static long millis(long unixNanos) {
    return unixNanos / 1_000_000;
  }
}
