package dev.tailgate.pipeline.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;

/**
 * The metrics parts of {@link WireScanner}: ResourceMetrics down to each data point's fields,
 * including the packed and nested fields of histograms and summaries.
 */
final class MetricScan {
  private MetricScan() {}

  static void resourceMetrics(WireReader in, ItemCounts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> CommonMessages.nested(in, CommonMessages::resource);
        case 18 -> { // scope_metrics = 2
          int limit = in.enter();
          scopeMetrics(in, counts);
          in.exit(limit);
        }
        default -> in.skip(tag);
      }
    }
  }

  private static void scopeMetrics(WireReader in, ItemCounts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> CommonMessages.nested(in, CommonMessages::scope);
        case 18 -> { // metrics = 2
          int limit = in.enter();
          counts.items += metric(in);
          in.exit(limit);
        }
        default -> in.skip(tag);
      }
    }
  }

  /** The point types' fields that hold more than a scalar, besides attributes and exemplars. */
  private enum Point {
    NUMBER,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }

  /** The metric's data points. */
  private static int metric(WireReader in) throws IOException {
    int points = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      // The attributes and exemplars fields of each point type: gauge and sum hold
      // NumberDataPoint, histogram HistogramDataPoint, and so on.
      int attributes;
      int exemplars;
      Point point;
      switch (tag) {
        case 42, 58, 90 -> { // gauge = 5, sum = 7, summary = 11
          attributes = 58; // NumberDataPoint/SummaryDataPoint.attributes = 7
          exemplars = tag == 90 ? -1 : 42; // NumberDataPoint.exemplars = 5
          point = tag == 90 ? Point.SUMMARY : Point.NUMBER;
        }
        case 74 -> { // histogram = 9
          attributes = 74; // attributes = 9
          exemplars = 66; // exemplars = 8
          point = Point.HISTOGRAM;
        }
        case 82 -> { // exponential_histogram = 10
          attributes = 10; // attributes = 1
          exemplars = 90; // exemplars = 11
          point = Point.EXPONENTIAL_HISTOGRAM;
        }
        case 98 -> { // metadata = 12
          CommonMessages.keyValue(in, 0);
          continue;
        }
        default -> {
          in.skip(tag);
          continue;
        }
      }
      int limit = in.enter();
      points += dataPoints(in, attributes, exemplars, point);
      in.exit(limit);
    }
    return points;
  }

  private static int dataPoints(WireReader in, int attributes, int exemplars, Point point)
      throws IOException {
    int points = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 10) { // data_points = 1
        points++;
        int limit = in.enter();
        dataPoint(in, attributes, exemplars, point);
        in.exit(limit);
      } else {
        in.skip(tag);
      }
    }
    return points;
  }

  private static void dataPoint(WireReader in, int attributes, int exemplars, Point point)
      throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == attributes) {
        CommonMessages.keyValue(in, 0);
      } else if (tag == exemplars) {
        CommonMessages.nested(
            in, exemplar -> CommonMessages.attributesAt(exemplar, 58)); // filtered_attributes = 7
      } else if (point == Point.HISTOGRAM && (tag == 50 || tag == 58)) {
        packedFixed64(in); // bucket_counts = 6, explicit_bounds = 7
      } else if (point == Point.EXPONENTIAL_HISTOGRAM && (tag == 66 || tag == 74)) {
        CommonMessages.nested(in, MetricScan::buckets); // positive = 8, negative = 9
      } else if (point == Point.SUMMARY && tag == 50) {
        CommonMessages.nested(in, CommonMessages::scalars); // quantile_values = 6
      } else {
        in.skip(tag);
      }
    }
  }

  /** ExponentialHistogramDataPoint.Buckets: bucket_counts = 2 packed varints. */
  private static void buckets(WireReader in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 18) {
        int limit = in.enter();
        while (in.position() < in.limit()) {
          in.readVarint64();
        }
        in.exit(limit);
      } else {
        in.skip(tag);
      }
    }
  }

  /** A packed repeated fixed64 or double: whole 8-byte values only. */
  private static void packedFixed64(WireReader in) throws IOException {
    if (in.skipBytes() % 8 != 0) {
      throw new InvalidProtocolBufferException(
          "a packed 64-bit field ends in the middle of a value");
    }
  }
}
