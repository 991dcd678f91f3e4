package dev.tailgate.pipeline.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.tailgate.pipeline.Signal;
import java.io.IOException;

/**
 * Reads an encoded OTLP export request without building it: counts its items, checks span and log
 * ids have legal lengths, and bounds how deep attribute values nest. Strings are not decoded (so
 * invalid UTF-8 passes through as it came, as the Collector lets it) and nothing is allocated per
 * item, which makes this several times cheaper than parsing.
 *
 * <p>Field numbers are those of opentelemetry-proto v1. Unknown fields are skipped; groups (unused
 * by OTLP) are refused, since skipping them would recurse without bound. Every nested message of
 * OTLP is walked, down to its scalars (and packed fields are checked to hold whole values), so that
 * what this accepts protobuf parses: a request the gateway forwards as it came must not make the
 * backend refuse the batch it is joined into, and with it other clients' data.
 *
 * <p>Stateless and thread-safe.
 */
public final class WireScanner {
  /** How deep an AnyValue may nest (an attribute's value is at depth 1). */
  public static final int MAX_VALUE_DEPTH = 64;

  private static final WireScanner TRACES = new WireScanner(Kind.TRACES);
  private static final WireScanner METRICS = new WireScanner(Kind.METRICS);
  private static final WireScanner LOGS = new WireScanner(Kind.LOGS);

  private enum Kind {
    TRACES,
    METRICS,
    LOGS
  }

  private final Kind kind;

  private WireScanner(Kind kind) {
    this.kind = kind;
  }

  public static WireScanner of(Signal<?> signal) {
    return switch (signal.name()) {
      case "traces" -> TRACES;
      case "metrics" -> METRICS;
      case "logs" -> LOGS;
      default -> throw new IllegalArgumentException(signal.name());
    };
  }

  /** Scans an encoded export request; throws when it is not one (or nests too deep). */
  public WireScan scan(ByteString bytes) throws InvalidProtocolBufferException {
    byte[] flat = bytes.toByteArray();
    return scan(flat, 0, flat.length);
  }

  /** Scans {@code length} bytes of {@code bytes} from {@code offset}; the array is not changed. */
  public WireScan scan(byte[] bytes, int offset, int length) throws InvalidProtocolBufferException {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + " of " + bytes.length);
    }
    return scan(new WireReader(bytes, offset, offset + length));
  }

  private WireScan scan(WireReader in) throws InvalidProtocolBufferException {
    Counts counts = new Counts();
    try {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == lengthDelimited(1)) {
          int limit = enter(in);
          switch (kind) {
            case TRACES -> resourceSpans(in, counts);
            case METRICS -> resourceMetrics(in, counts);
            case LOGS -> resourceLogs(in, counts);
          }
          in.exit(limit);
        } else {
          skip(in, tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return new WireScan(counts.items, counts.invalidIds);
  }

  private static final class Counts {
    int items;
    int invalidIds;
  }

  // ---- traces

  private static void resourceSpans(WireReader in, Counts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> nested(in, WireScanner::resource); // resource = 1
        case 18 -> { // scope_spans = 2
          int limit = enter(in);
          scopeSpans(in, counts);
          in.exit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  private static void scopeSpans(WireReader in, Counts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> nested(in, WireScanner::scope); // scope = 1
        case 18 -> { // spans = 2
          int limit = enter(in);
          counts.items++;
          if (!span(in)) {
            counts.invalidIds++;
          }
          in.exit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  /** False when the span's ids have the wrong length. */
  private static boolean span(WireReader in) throws IOException {
    int traceId = 0;
    int spanId = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> traceId = skipBytes(in); // trace_id = 1
        case 18 -> spanId = skipBytes(in); // span_id = 2
        case 74 -> keyValue(in, 0); // attributes = 9
        case 90 -> nested(in, WireScanner::event); // events = 11
        case 106 -> nested(in, WireScanner::link); // links = 13
        case 122 -> nested(in, WireScanner::scalars); // status = 15
        default -> skip(in, tag);
      }
    }
    return traceId == 16 && spanId == 8;
  }

  private static void event(WireReader in) throws IOException {
    attributesAt(in, 26); // attributes = 3
  }

  private static void link(WireReader in) throws IOException {
    attributesAt(in, 34); // attributes = 4
  }

  // ---- logs

  private static void resourceLogs(WireReader in, Counts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> nested(in, WireScanner::resource);
        case 18 -> { // scope_logs = 2
          int limit = enter(in);
          scopeLogs(in, counts);
          in.exit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  private static void scopeLogs(WireReader in, Counts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> nested(in, WireScanner::scope);
        case 18 -> { // log_records = 2
          int limit = enter(in);
          counts.items++;
          if (!logRecord(in)) {
            counts.invalidIds++;
          }
          in.exit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  /** False when trace_id is neither empty nor 16 bytes, or span_id neither empty nor 8. */
  private static boolean logRecord(WireReader in) throws IOException {
    int traceId = 0;
    int spanId = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 42 -> { // body = 5
          int limit = enter(in);
          anyValue(in, 1);
          in.exit(limit);
        }
        case 50 -> keyValue(in, 0); // attributes = 6
        case 74 -> traceId = skipBytes(in); // trace_id = 9
        case 82 -> spanId = skipBytes(in); // span_id = 10
        default -> skip(in, tag);
      }
    }
    return (traceId == 0 || traceId == 16) && (spanId == 0 || spanId == 8);
  }

  // ---- metrics

  private static void resourceMetrics(WireReader in, Counts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> nested(in, WireScanner::resource);
        case 18 -> { // scope_metrics = 2
          int limit = enter(in);
          scopeMetrics(in, counts);
          in.exit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  private static void scopeMetrics(WireReader in, Counts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> nested(in, WireScanner::scope);
        case 18 -> { // metrics = 2
          int limit = enter(in);
          counts.items += metric(in);
          in.exit(limit);
        }
        default -> skip(in, tag);
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
          keyValue(in, 0);
          continue;
        }
        default -> {
          skip(in, tag);
          continue;
        }
      }
      int limit = enter(in);
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
        int limit = enter(in);
        dataPoint(in, attributes, exemplars, point);
        in.exit(limit);
      } else {
        skip(in, tag);
      }
    }
    return points;
  }

  private static void dataPoint(WireReader in, int attributes, int exemplars, Point point)
      throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == attributes) {
        keyValue(in, 0);
      } else if (tag == exemplars) {
        nested(in, exemplar -> attributesAt(exemplar, 58)); // filtered_attributes = 7
      } else if (point == Point.HISTOGRAM && (tag == 50 || tag == 58)) {
        packedFixed64(in); // bucket_counts = 6, explicit_bounds = 7
      } else if (point == Point.EXPONENTIAL_HISTOGRAM && (tag == 66 || tag == 74)) {
        nested(in, WireScanner::buckets); // positive = 8, negative = 9
      } else if (point == Point.SUMMARY && tag == 50) {
        nested(in, WireScanner::scalars); // quantile_values = 6
      } else {
        skip(in, tag);
      }
    }
  }

  /** ExponentialHistogramDataPoint.Buckets: bucket_counts = 2 packed varints. */
  private static void buckets(WireReader in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 18) {
        int limit = enter(in);
        while (in.position() < in.limit()) {
          in.readVarint64();
        }
        in.exit(limit);
      } else {
        skip(in, tag);
      }
    }
  }

  /** A packed repeated fixed64 or double: whole 8-byte values only. */
  private static void packedFixed64(WireReader in) throws IOException {
    if (skipBytes(in) % 8 != 0) {
      throw new InvalidProtocolBufferException(
          "a packed 64-bit field ends in the middle of a value");
    }
  }

  // ---- shared

  private static void resource(WireReader in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> keyValue(in, 0); // attributes = 1
        case 26 -> nested(in, WireScanner::scalars); // entity_refs = 3
        default -> skip(in, tag);
      }
    }
  }

  /**
   * A message of scalars and strings only (Status, EntityRef, ValueAtQuantile): each field whole.
   */
  private static void scalars(WireReader in) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      skip(in, tag);
    }
  }

  private static void scope(WireReader in) throws IOException {
    attributesAt(in, 26); // InstrumentationScope.attributes = 3
  }

  /** A message whose KeyValue attributes are at {@code attributesTag}; other fields skipped. */
  private static void attributesAt(WireReader in, int attributesTag) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == attributesTag) {
        keyValue(in, 0);
      } else {
        skip(in, tag);
      }
    }
  }

  /** A length-delimited KeyValue whose value sits at depth {@code depth} + 1. */
  private static void keyValue(WireReader in, int depth) throws IOException {
    int limit = enter(in);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == 18) { // value = 2
        int valueLimit = enter(in);
        anyValue(in, depth + 1);
        in.exit(valueLimit);
      } else {
        skip(in, tag);
      }
    }
    in.exit(limit);
  }

  /** The fields of an AnyValue at {@code depth}; arrays and maps go one level deeper. */
  private static void anyValue(WireReader in, int depth) throws IOException {
    if (depth > MAX_VALUE_DEPTH) {
      throw new InvalidProtocolBufferException(
          "an attribute value nests deeper than " + MAX_VALUE_DEPTH + " levels");
    }
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 42 -> { // array_value = 5: ArrayValue.values = 1 are AnyValues
          int limit = enter(in);
          int inner;
          while ((inner = in.readTag()) != 0) {
            if (inner == 10) {
              int valueLimit = enter(in);
              anyValue(in, depth + 1);
              in.exit(valueLimit);
            } else {
              skip(in, inner);
            }
          }
          in.exit(limit);
        }
        case 50 -> { // kvlist_value = 6: KeyValueList.values = 1 are KeyValues
          int limit = enter(in);
          int inner;
          while ((inner = in.readTag()) != 0) {
            if (inner == 10) {
              keyValue(in, depth);
            } else {
              skip(in, inner);
            }
          }
          in.exit(limit);
        }
        default -> skip(in, tag);
      }
    }
  }

  @FunctionalInterface
  private interface Part {
    void read(WireReader in) throws IOException;
  }

  private static void nested(WireReader in, Part part) throws IOException {
    int limit = enter(in);
    part.read(in);
    in.exit(limit);
  }

  private static int enter(WireReader in) throws IOException {
    return in.enter();
  }

  private static int skipBytes(WireReader in) throws IOException {
    return in.skipBytes();
  }

  private static void skip(WireReader in, int tag) throws IOException {
    in.skip(tag);
  }

  private static int lengthDelimited(int field) {
    return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
