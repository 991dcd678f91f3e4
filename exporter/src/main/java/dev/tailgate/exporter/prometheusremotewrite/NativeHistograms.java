package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.prometheusremotewrite.prompb.BucketSpan;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.Buckets;
import java.util.Optional;

/**
 * OTLP exponential histogram points as Prometheus native (integer) histograms. The scale becomes
 * the schema; Prometheus knows schemas -4 to 8, so finer scales are merged down to 8 (two
 * neighbouring buckets per step) and coarser ones cannot be sent. OTLP bucket {@code i} holds
 * (base^i, base^(i+1)], Prometheus bucket {@code i} holds (base^(i-1), base^i]: indexes move by
 * one.
 */
final class NativeHistograms {
  static final int MAX_SCHEMA = 8;
  static final int MIN_SCHEMA = -4;

  /** The zero bucket's width when the point gives none, as the compatibility spec says. */
  static final double DEFAULT_ZERO_THRESHOLD = 1e-128;

  /**
   * Empty buckets cheaper to send inside a span (a zero delta each) than to start a new span for.
   */
  private static final int MAX_GAP_IN_SPAN = 2;

  private NativeHistograms() {}

  /** Empty when the scale is below what Prometheus can represent. */
  static Optional<Histogram> fromExponential(
      ExponentialHistogramDataPoint point, long timestampMillis) {
    if (point.getScale() < MIN_SCHEMA) {
      return Optional.empty();
    }
    int downscale = Math.max(0, point.getScale() - MAX_SCHEMA);
    Histogram.Builder h =
        Histogram.newBuilder()
            .setSchema(point.getScale() - downscale)
            .setCountInt(point.getCount())
            .setSum(point.hasSum() ? point.getSum() : 0)
            .setZeroThreshold(
                point.getZeroThreshold() != 0 ? point.getZeroThreshold() : DEFAULT_ZERO_THRESHOLD)
            .setZeroCountInt(point.getZeroCount())
            .setTimestamp(timestampMillis);
    addBuckets(point.getPositive(), downscale, new Side(h, true));
    addBuckets(point.getNegative(), downscale, new Side(h, false));
    return Optional.of(h.build());
  }

  /**
   * A series marker without data: Prometheus reads a float histogram with a stale NaN sum as
   * "ended".
   */
  static Histogram stale(long timestampMillis) {
    return Histogram.newBuilder()
        .setCountFloat(OtlpToPrometheus.STALE_NAN)
        .setSum(OtlpToPrometheus.STALE_NAN)
        .setZeroCountFloat(0)
        .setTimestamp(timestampMillis)
        .build();
  }

  private static void addBuckets(Buckets buckets, int downscale, Side side) {
    long pendingIndex = 0;
    long pendingCount = 0;
    boolean pending = false;
    for (int i = 0; i < buckets.getBucketCountsCount(); i++) {
      long count = buckets.getBucketCounts(i);
      if (count == 0) {
        continue;
      }
      // Arithmetic shift: floor division, right for negative indexes too.
      long index = ((long) buckets.getOffset() + i) >> downscale;
      if (pending && index == pendingIndex) {
        pendingCount += count;
        continue;
      }
      if (pending) {
        side.add(pendingIndex + 1, pendingCount);
      }
      pending = true;
      pendingIndex = index;
      pendingCount = count;
    }
    if (pending) {
      side.add(pendingIndex + 1, pendingCount);
    }
    side.finish();
  }

  /**
   * Writes the spans and count deltas of one side (positive or negative) of a histogram. Deltas run
   * across spans: each bucket's count minus the previous bucket's, the first one absolute.
   */
  private static final class Side {
    private final Histogram.Builder histogram;
    private final boolean positive;
    private boolean open;
    private long spanOffset;
    private long spanStart;
    private long nextIndex;
    private long previousCount;

    Side(Histogram.Builder histogram, boolean positive) {
      this.histogram = histogram;
      this.positive = positive;
    }

    void add(long index, long count) {
      if (open && index - nextIndex <= MAX_GAP_IN_SPAN) {
        for (; nextIndex < index; nextIndex++) {
          delta(0);
        }
      } else {
        long offset = open ? index - nextIndex : index;
        finish();
        open = true;
        spanOffset = offset;
        spanStart = index;
      }
      delta(count);
      nextIndex = index + 1;
    }

    void finish() {
      if (!open) {
        return;
      }
      BucketSpan span =
          BucketSpan.newBuilder()
              .setOffset((int) spanOffset)
              .setLength((int) (nextIndex - spanStart))
              .build();
      if (positive) {
        histogram.addPositiveSpans(span);
      } else {
        histogram.addNegativeSpans(span);
      }
      open = false;
    }

    private void delta(long count) {
      if (positive) {
        histogram.addPositiveDeltas(count - previousCount);
      } else {
        histogram.addNegativeDeltas(count - previousCount);
      }
      previousCount = count;
    }
  }
}
