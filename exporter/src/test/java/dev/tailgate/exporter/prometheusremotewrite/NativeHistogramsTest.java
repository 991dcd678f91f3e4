package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.prometheusremotewrite.prompb.BucketSpan;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.Buckets;
import org.junit.jupiter.api.Test;

class NativeHistogramsTest {

  @Test
  void startsANewSpanAfterMoreThanTwoEmptyBuckets() {
    Histogram h = convert(point(3, buckets(0, 1, 2, 0, 0, 0, 3), buckets(0)));

    assertThat(h.getPositiveSpansList()).containsExactly(span(1, 2), span(3, 1));
    assertThat(h.getPositiveDeltasList()).containsExactly(1L, 1L, 1L);
  }

  @Test
  void keepsUpToTwoEmptyBucketsInsideASpan() {
    Histogram h = convert(point(3, buckets(0, 1, 0, 0, 4), buckets(0)));

    assertThat(h.getPositiveSpansList()).containsExactly(span(1, 4));
    assertThat(h.getPositiveDeltasList()).containsExactly(1L, -1L, 0L, 4L);
  }

  @Test
  void skipsLeadingEmptyBuckets() {
    Histogram h = convert(point(0, buckets(-2, 0, 0, 5), buckets(0)));

    assertThat(h.getPositiveSpansList())
        .containsExactly(span(1, 1)); // OTLP index 0 → Prometheus index 1
    assertThat(h.getPositiveDeltasList()).containsExactly(5L);
  }

  @Test
  void writesNegativeBucketsTheSameWay() {
    Histogram h = convert(point(1, buckets(0), buckets(-1, 2, 2)));

    assertThat(h.getPositiveSpansCount()).isZero();
    assertThat(h.getNegativeSpansList()).containsExactly(span(0, 2));
    assertThat(h.getNegativeDeltasList()).containsExactly(2L, 0L);
  }

  @Test
  void mergesBucketsDownToSchemaEight() {
    // Scale 10 is two steps finer than 8: every four buckets become one (floor division of
    // indexes).
    Histogram h = convert(point(10, buckets(-3, 1, 1, 1, 1, 1), buckets(0)));

    assertThat(h.getSchema()).isEqualTo(8);
    // OTLP -3..-1 → -1 (3 observations), 0..1 → 0 (2); Prometheus indexes are one higher.
    assertThat(h.getPositiveSpansList()).containsExactly(span(0, 2));
    assertThat(h.getPositiveDeltasList()).containsExactly(3L, -1L);
  }

  @Test
  void keepsTheZeroBucketAndDefaultsItsThreshold() {
    ExponentialHistogramDataPoint point =
        point(0, buckets(0), buckets(0)).toBuilder().setZeroCount(4).build();

    Histogram h = convert(point);

    assertThat(h.getZeroCountInt()).isEqualTo(4);
    assertThat(h.getZeroThreshold()).isEqualTo(NativeHistograms.DEFAULT_ZERO_THRESHOLD);
    assertThat(convert(point.toBuilder().setZeroThreshold(0.001).build()).getZeroThreshold())
        .isEqualTo(0.001);
  }

  @Test
  void refusesScalesCoarserThanPrometheusKnows() {
    assertThat(NativeHistograms.fromExponential(point(-5, buckets(0, 1), buckets(0)), 0)).isEmpty();
    assertThat(NativeHistograms.fromExponential(point(-4, buckets(0, 1), buckets(0)), 0))
        .isPresent();
  }

  private static Histogram convert(ExponentialHistogramDataPoint point) {
    return NativeHistograms.fromExponential(point, 1000).orElseThrow();
  }

  private static ExponentialHistogramDataPoint point(
      int scale, Buckets positive, Buckets negative) {
    return ExponentialHistogramDataPoint.newBuilder()
        .setScale(scale)
        .setCount(10)
        .setSum(1)
        .setPositive(positive)
        .setNegative(negative)
        .build();
  }

  private static Buckets buckets(int offset, long... counts) {
    Buckets.Builder b = Buckets.newBuilder().setOffset(offset);
    for (long c : counts) {
      b.addBucketCounts(c);
    }
    return b.build();
  }

  private static BucketSpan span(int offset, int length) {
    return BucketSpan.newBuilder().setOffset(offset).setLength(length).build();
  }
}
