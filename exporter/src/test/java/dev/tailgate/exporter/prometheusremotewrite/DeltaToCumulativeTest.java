package dev.tailgate.exporter.prometheusremotewrite;

import static dev.tailgate.exporter.prometheusremotewrite.Otlp.SECOND;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.T0;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.attr;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.request;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaToCumulativeTest {
  private static final AggregationTemporality DELTA =
      AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  private static final AggregationTemporality CUMULATIVE =
      AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;

  private final ManualClock clock = new ManualClock();
  private final DeltaToCumulative deltas =
      new DeltaToCumulative(new DeltaToCumulativeConfig(3, Duration.ofMinutes(5)), clock);

  @Test
  void addsUpDeltaSumsIntoACumulativeCounterFromTheFirstStart() {
    NumberDataPoint first = converted(deltas.apply(delta(0, 10, 5)));
    NumberDataPoint second = converted(deltas.apply(delta(10, 20, 3)));
    NumberDataPoint third = converted(deltas.apply(delta(20, 30, 0)));

    assertThat(first.getAsInt()).isEqualTo(5);
    assertThat(second.getAsInt()).isEqualTo(8);
    assertThat(third.getAsInt()).isEqualTo(8);
    assertThat(third.getStartTimeUnixNano()).isEqualTo(T0);
    assertThat(third.getTimeUnixNano()).isEqualTo(T0 + 30 * SECOND);
  }

  @Test
  void makesTheMetricCumulativeSoTheTranslatorTakesIt() {
    DeltaToCumulative.Conversion c = deltas.apply(delta(0, 10, 5));

    Metric metric = c.request().getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
    assertThat(metric.getSum().getAggregationTemporality()).isEqualTo(CUMULATIVE);
    assertThat(new OtlpToPrometheus(TranslationSettings.defaults()).translate(c.request()).series())
        .hasSize(1);
  }

  @Test
  void acceptsAGapSinceSdksSkipIntervalsWithoutMeasurements() {
    deltas.apply(delta(0, 10, 5));

    assertThat(converted(deltas.apply(delta(40, 50, 1))).getAsInt()).isEqualTo(6);
  }

  @Test
  void dropsPointsThatOverlapWhatWasAlreadyAdded() {
    deltas.apply(delta(0, 10, 5));
    deltas.apply(delta(10, 20, 1));

    DeltaToCumulative.Conversion replay = deltas.apply(delta(10, 20, 1));
    DeltaToCumulative.Conversion overlap = deltas.apply(delta(15, 25, 1));

    assertThat(points(replay)).isEmpty();
    assertThat(replay.droppedPoints()).isEqualTo(1);
    assertThat(points(overlap)).isEmpty();
    assertThat(converted(deltas.apply(delta(20, 30, 2))).getAsInt()).isEqualTo(8);
  }

  @Test
  void keepsASeparateTotalPerSeriesWhateverTheAttributeOrder() {
    deltas.apply(request(deltaSum(pointAt(0, 10, 1, attr("a", "1"), attr("b", "2")))));
    deltas.apply(request(deltaSum(pointAt(0, 10, 100, attr("a", "other")))));

    NumberDataPoint reordered =
        converted(
            deltas.apply(request(deltaSum(pointAt(10, 20, 1, attr("b", "2"), attr("a", "1"))))));

    assertThat(reordered.getAsInt()).isEqualTo(2);
  }

  @Test
  void keepsDoubleSumsDouble() {
    NumberDataPoint p1 =
        NumberDataPoint.newBuilder()
            .setStartTimeUnixNano(T0)
            .setTimeUnixNano(T0 + SECOND)
            .setAsDouble(0.25)
            .build();
    NumberDataPoint p2 =
        p1.toBuilder()
            .setStartTimeUnixNano(T0 + SECOND)
            .setTimeUnixNano(T0 + 2 * SECOND)
            .setAsDouble(0.5)
            .build();
    deltas.apply(request(deltaSum(p1)));

    NumberDataPoint total = converted(deltas.apply(request(deltaSum(p2))));

    assertThat(total.getValueCase()).isEqualTo(NumberDataPoint.ValueCase.AS_DOUBLE);
    assertThat(total.getAsDouble()).isEqualTo(0.75);
  }

  @Test
  void addsUpDeltaHistogramsBucketByBucket() {
    deltas.apply(request(deltaHistogram(histogramPoint(0, 10, List.of(1L, 2L, 0L), 3, 4.0))));

    HistogramDataPoint total =
        deltas
            .apply(request(deltaHistogram(histogramPoint(10, 20, List.of(0L, 1L, 5L), 6, 40.0))))
            .request()
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0)
            .getHistogram()
            .getDataPoints(0);

    assertThat(total.getBucketCountsList()).containsExactly(1L, 3L, 5L);
    assertThat(total.getCount()).isEqualTo(9);
    assertThat(total.getSum()).isEqualTo(44.0);
    assertThat(total.getStartTimeUnixNano()).isEqualTo(T0);
  }

  @Test
  void startsOverWhenHistogramBoundsChange() {
    deltas.apply(request(deltaHistogram(histogramPoint(0, 10, List.of(1L, 2L, 0L), 3, 4.0))));
    HistogramDataPoint rebucketed =
        histogramPoint(10, 20, List.of(7L, 0L), 7, 1.0).toBuilder()
            .clearExplicitBounds()
            .addExplicitBounds(5.0)
            .build();

    HistogramDataPoint total =
        deltas
            .apply(request(deltaHistogram(rebucketed)))
            .request()
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0)
            .getHistogram()
            .getDataPoints(0);

    assertThat(total.getBucketCountsList()).containsExactly(7L, 0L);
    assertThat(total.getStartTimeUnixNano()).isEqualTo(T0 + 10 * SECOND);
  }

  @Test
  void leavesCumulativeAndNonMonotonicDataAlone() {
    ExportMetricsServiceRequest untouched =
        request(
            sum("c", "", true, CUMULATIVE, pointAt(0, 10, 1)),
            sum("updown", "", false, DELTA, pointAt(0, 10, 1)));

    DeltaToCumulative.Conversion c = deltas.apply(untouched);

    assertThat(c.request()).isSameAs(untouched);
    assertThat(deltas.trackedSeries()).isZero();
  }

  @Test
  void forgetsSeriesNotSeenForMaxStale() {
    deltas.apply(delta(0, 10, 5));
    clock.advance(Duration.ofMinutes(6));

    NumberDataPoint afterwards = converted(deltas.apply(delta(370, 380, 1)));

    assertThat(afterwards.getAsInt()).isEqualTo(1);
    assertThat(afterwards.getStartTimeUnixNano()).isEqualTo(T0 + 370 * SECOND);
  }

  @Test
  void tracksAtMostMaxTrackedSeries() {
    for (int i = 0; i < 10; i++) {
      deltas.apply(request(deltaSum(pointAt(0, 10, 1, attr("n", Integer.toString(i))))));
    }

    assertThat(deltas.trackedSeries()).isEqualTo(3);
  }

  private static ExportMetricsServiceRequest delta(long startSecond, long endSecond, long value) {
    return request(deltaSum(pointAt(startSecond, endSecond, value)));
  }

  private static Metric deltaSum(NumberDataPoint point) {
    return sum("requests", "", true, DELTA, point);
  }

  private static NumberDataPoint pointAt(
      long startSecond, long endSecond, long value, KeyValue... attributes) {
    return NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(T0 + startSecond * SECOND)
        .setTimeUnixNano(T0 + endSecond * SECOND)
        .setAsInt(value)
        .addAllAttributes(List.of(attributes))
        .build();
  }

  private static HistogramDataPoint histogramPoint(
      long startSecond, long endSecond, List<Long> counts, long count, double sum) {
    return HistogramDataPoint.newBuilder()
        .setStartTimeUnixNano(T0 + startSecond * SECOND)
        .setTimeUnixNano(T0 + endSecond * SECOND)
        .addAllExplicitBounds(List.of(1.0, 2.0))
        .addAllBucketCounts(counts)
        .setCount(count)
        .setSum(sum)
        .build();
  }

  private static Metric deltaHistogram(HistogramDataPoint point) {
    return OtlpToPrometheusTest.histogram("latency", "s", DELTA, point);
  }

  private static List<NumberDataPoint> points(DeltaToCumulative.Conversion c) {
    return c.request()
        .getResourceMetrics(0)
        .getScopeMetrics(0)
        .getMetrics(0)
        .getSum()
        .getDataPointsList();
  }

  private static NumberDataPoint converted(DeltaToCumulative.Conversion c) {
    assertThat(c.droppedPoints()).isZero();
    return points(c).get(0);
  }
}
