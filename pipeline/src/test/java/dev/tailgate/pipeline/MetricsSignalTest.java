package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsSignalTest {
  private final Signal<ExportMetricsServiceRequest> metrics = Signal.METRICS;

  // --- data: every point carries a distinct time, so a lost, doubled or moved point shows

  private static long nextTime = 1;

  private static NumberDataPoint number() {
    return NumberDataPoint.newBuilder().setTimeUnixNano(nextTime++).setAsInt(7).build();
  }

  private static Metric gauge(String name, int points) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < points; i++) {
      gauge.addDataPoints(number());
    }
    return Metric.newBuilder().setName(name).setUnit("By").setGauge(gauge).build();
  }

  private static Metric sum(String name, int points) {
    Sum.Builder sum =
        Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true);
    for (int i = 0; i < points; i++) {
      sum.addDataPoints(number());
    }
    return Metric.newBuilder()
        .setName(name)
        .setUnit("1")
        .setDescription("requests served")
        .setSum(sum)
        .build();
  }

  private static Metric histogram(String name, int points) {
    Histogram.Builder histogram =
        Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    for (int i = 0; i < points; i++) {
      histogram.addDataPoints(
          HistogramDataPoint.newBuilder()
              .setTimeUnixNano(nextTime++)
              .setCount(2)
              .addExplicitBounds(1.0)
              .addBucketCounts(1)
              .addBucketCounts(1));
    }
    return Metric.newBuilder().setName(name).setUnit("ms").setHistogram(histogram).build();
  }

  private static Metric exponentialHistogram(String name, int points) {
    ExponentialHistogram.Builder histogram =
        ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
    for (int i = 0; i < points; i++) {
      histogram.addDataPoints(
          ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(nextTime++).setScale(3));
    }
    return Metric.newBuilder()
        .setName(name)
        .setUnit("By")
        .setExponentialHistogram(histogram)
        .build();
  }

  private static Metric summary(String name, int points) {
    Summary.Builder summary = Summary.newBuilder();
    for (int i = 0; i < points; i++) {
      summary.addDataPoints(
          SummaryDataPoint.newBuilder().setTimeUnixNano(nextTime++).setCount(1).setSum(2.5));
    }
    return Metric.newBuilder().setName(name).setUnit("s").setSummary(summary).build();
  }

  private static ScopeMetrics scope(String name, Metric... metrics) {
    return ScopeMetrics.newBuilder()
        .setScope(TestBatches.scope(name))
        .setSchemaUrl("https://schema/" + name)
        .addAllMetrics(List.of(metrics))
        .build();
  }

  private static ResourceMetrics resource(String name, ScopeMetrics... scopes) {
    return ResourceMetrics.newBuilder()
        .setResource(TestBatches.resource(name))
        .setSchemaUrl("https://schema/" + name)
        .addAllScopeMetrics(List.of(scopes))
        .build();
  }

  /** 3 + 5 + 2 + 4 + 2 + 3 + 1 = 20 points of every kind, over two resources and three scopes. */
  private static ExportMetricsServiceRequest everyKind() {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            resource(
                "r0",
                scope("s0", gauge("memory", 3), sum("requests", 5), histogram("latency", 2)),
                scope("s1", exponentialHistogram("size", 4), summary("duration", 2))))
        .addResourceMetrics(resource("r1", scope("s0", sum("requests", 3), gauge("threads", 1))))
        .build();
  }

  // --- flattening: one item per data point, with everything above it

  /** A data point with its resource, scope and metric (each without their children). */
  private record Item(ResourceMetrics resource, ScopeMetrics scope, Metric metric, Message point) {}

  private static List<Item> items(ExportMetricsServiceRequest batch) {
    List<Item> items = new ArrayList<>();
    for (ResourceMetrics resource : batch.getResourceMetricsList()) {
      ResourceMetrics resourceOnly = resource.toBuilder().clearScopeMetrics().build();
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        ScopeMetrics scopeOnly = scope.toBuilder().clearMetrics().build();
        for (Metric metric : scope.getMetricsList()) {
          Metric shape = withoutPoints(metric);
          points(metric)
              .forEach(point -> items.add(new Item(resourceOnly, scopeOnly, shape, point)));
        }
      }
    }
    return items;
  }

  private static List<Item> items(List<ExportMetricsServiceRequest> batches) {
    List<Item> items = new ArrayList<>();
    batches.forEach(batch -> items.addAll(items(batch)));
    return items;
  }

  private static List<? extends Message> points(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsList();
      case SUM -> metric.getSum().getDataPointsList();
      case HISTOGRAM -> metric.getHistogram().getDataPointsList();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList();
      case SUMMARY -> metric.getSummary().getDataPointsList();
      case DATA_NOT_SET -> List.of();
    };
  }

  /** Name, unit, description, kind, temporality and monotonicity; no points. */
  private static Metric withoutPoints(Metric metric) {
    Metric.Builder shape = metric.toBuilder();
    switch (metric.getDataCase()) {
      case GAUGE -> shape.getGaugeBuilder().clearDataPoints();
      case SUM -> shape.getSumBuilder().clearDataPoints();
      case HISTOGRAM -> shape.getHistogramBuilder().clearDataPoints();
      case EXPONENTIAL_HISTOGRAM -> shape.getExponentialHistogramBuilder().clearDataPoints();
      case SUMMARY -> shape.getSummaryBuilder().clearDataPoints();
      case DATA_NOT_SET -> {}
    }
    return shape.build();
  }

  // --- tests

  @Test
  void namesItsItemsMetricPoints() {
    assertThat(metrics.name()).isEqualTo("metrics");
    assertThat(metrics.itemName()).isEqualTo("metric_points");
  }

  @Test
  void countsDataPointsOfEveryMetricKind() {
    assertThat(metrics.count(everyKind())).isEqualTo(20);
    assertThat(metrics.count(ExportMetricsServiceRequest.getDefaultInstance())).isZero();
  }

  @Test
  void aMetricWithoutDataCountsNoPoints() {
    ExportMetricsServiceRequest batch =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                resource("r0", scope("s0", Metric.newBuilder().setName("empty").build())))
            .build();

    assertThat(metrics.count(batch)).isZero();
  }

  @Test
  void mergeKeepsTheOrderOfItsParts() {
    ExportMetricsServiceRequest first = everyKind();
    ExportMetricsServiceRequest second =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(resource("r9", scope("s9", gauge("late", 2))))
            .build();

    ExportMetricsServiceRequest merged = metrics.merge(List.of(first, second));

    List<Item> expected = new ArrayList<>(items(first));
    expected.addAll(items(second));
    assertThat(items(merged)).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "at most {0} points")
  @ValueSource(ints = {1, 2, 3, 4, 5, 10, 19, 20, 21, 500})
  void splitKeepsEveryPointOnceInOrderUnderItsResourceScopeAndMetric(int maxItems) {
    ExportMetricsServiceRequest batch = everyKind();

    List<ExportMetricsServiceRequest> parts = metrics.split(batch, maxItems);

    assertThat(parts).hasSize((20 + maxItems - 1) / maxItems);
    assertThat(parts).allSatisfy(part -> assertThat(metrics.count(part)).isBetween(1, maxItems));
    assertThat(items(parts)).containsExactlyElementsOf(items(batch));
  }

  @Test
  void splitsAMetricLargerThanTheLimitIntoSlicesKeepingNameUnitAndTemporality() {
    Metric requests = sum("requests", 10);
    ExportMetricsServiceRequest batch =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(resource("r0", scope("s0", requests)))
            .build();

    List<ExportMetricsServiceRequest> parts = metrics.split(batch, 4);

    List<Metric> slices =
        parts.stream()
            .map(part -> part.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0))
            .toList();
    assertThat(slices)
        .extracting(slice -> slice.getSum().getDataPointsCount())
        .containsExactly(4, 4, 2);
    assertThat(slices)
        .allSatisfy(
            slice -> {
              assertThat(slice.getName()).isEqualTo("requests");
              assertThat(slice.getUnit()).isEqualTo("1");
              assertThat(slice.getDescription()).isEqualTo("requests served");
              assertThat(slice.getSum().getAggregationTemporality())
                  .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
              assertThat(slice.getSum().getIsMonotonic()).isTrue();
            });
    assertThat(parts)
        .allSatisfy(part -> assertThat(part.getResourceMetricsCount()).isEqualTo(1))
        .allSatisfy(
            part -> assertThat(part.getResourceMetrics(0).getScopeMetricsCount()).isEqualTo(1));
  }

  @Test
  void splitsHistogramsAndSummariesByDataPoint() {
    ExportMetricsServiceRequest batch =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                resource(
                    "r0",
                    scope(
                        "s0",
                        histogram("latency", 3),
                        exponentialHistogram("size", 3),
                        summary("d", 3))))
            .build();

    List<ExportMetricsServiceRequest> parts = metrics.split(batch, 2);

    assertThat(parts).extracting(metrics::count).containsExactly(2, 2, 2, 2, 1);
    assertThat(parts.get(1).getResourceMetrics(0).getScopeMetrics(0).getMetricsList())
        .extracting(Metric::getName, Metric::getDataCase)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("latency", Metric.DataCase.HISTOGRAM),
            org.assertj.core.groups.Tuple.tuple("size", Metric.DataCase.EXPONENTIAL_HISTOGRAM));
    assertThat(items(parts)).containsExactlyElementsOf(items(batch));
  }

  @Test
  void splitOfABatchThatFitsReturnsItUnchanged() {
    ExportMetricsServiceRequest batch = everyKind();

    assertThat(metrics.split(batch, 20)).containsExactly(batch);
  }

  @Test
  void splitRefusesANonPositiveLimit() {
    assertThatThrownBy(() -> metrics.split(everyKind(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesItsOwnEncoding() throws Exception {
    ExportMetricsServiceRequest batch = everyKind();
    assertThat(metrics.parse(batch.toByteArray())).isEqualTo(batch);
  }
}
