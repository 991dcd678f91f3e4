package dev.tailgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.util.List;

/**
 * The running total of a delta histogram. A point with other bucket bounds cannot be added to it:
 * it starts a new total.
 */
record HistogramTotal(
    long start,
    long last,
    List<Double> bounds,
    List<Long> counts,
    long count,
    boolean hasSum,
    double sum,
    boolean hasMin,
    double min,
    boolean hasMax,
    double max) {

  HistogramTotal {
    bounds = List.copyOf(bounds);
    counts = List.copyOf(counts);
  }

  static HistogramTotal first(HistogramDataPoint point) {
    long start =
        point.getStartTimeUnixNano() != 0 ? point.getStartTimeUnixNano() : point.getTimeUnixNano();
    return new HistogramTotal(
        start,
        point.getTimeUnixNano(),
        point.getExplicitBoundsList(),
        point.getBucketCountsList(),
        point.getCount(),
        point.hasSum(),
        point.getSum(),
        point.hasMin(),
        point.getMin(),
        point.hasMax(),
        point.getMax());
  }

  boolean sameBuckets(HistogramDataPoint point) {
    return bounds.equals(point.getExplicitBoundsList())
        && counts.size() == point.getBucketCountsCount();
  }

  HistogramTotal plus(HistogramDataPoint point) {
    Long[] summed = new Long[counts.size()];
    for (int i = 0; i < summed.length; i++) {
      summed[i] = counts.get(i) + point.getBucketCounts(i);
    }
    return new HistogramTotal(
        start,
        point.getTimeUnixNano(),
        bounds,
        List.of(summed),
        count + point.getCount(),
        hasSum && point.hasSum(),
        sum + point.getSum(),
        hasMin || point.hasMin(),
        extreme(hasMin, min, point.hasMin(), point.getMin(), true),
        hasMax || point.hasMax(),
        extreme(hasMax, max, point.hasMax(), point.getMax(), false));
  }

  HistogramDataPoint toPoint(HistogramDataPoint delta) {
    HistogramDataPoint.Builder out =
        delta.toBuilder()
            .setStartTimeUnixNano(start)
            .clearBucketCounts()
            .addAllBucketCounts(counts)
            .setCount(count)
            .clearSum()
            .clearMin()
            .clearMax();
    if (hasSum) {
      out.setSum(sum);
    }
    if (hasMin) {
      out.setMin(min);
    }
    if (hasMax) {
      out.setMax(max);
    }
    return out.build();
  }

  private static double extreme(
      boolean hasOld, double old, boolean hasNew, double fresh, boolean lowest) {
    if (!hasOld) {
      return fresh;
    }
    if (!hasNew) {
      return old;
    }
    return lowest ? Math.min(old, fresh) : Math.max(old, fresh);
  }
}
