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

  private static final WireScanner TRACES = new WireScanner(TraceScan::resourceSpans);
  private static final WireScanner METRICS = new WireScanner(MetricScan::resourceMetrics);
  private static final WireScanner LOGS = new WireScanner(LogScan::resourceLogs);

  /** Reads one ResourceSpans, ResourceMetrics or ResourceLogs, counting its items. */
  @FunctionalInterface
  private interface ResourceScan {
    void read(WireReader in, ItemCounts counts) throws IOException;
  }

  private final ResourceScan resources;

  private WireScanner(ResourceScan resources) {
    this.resources = resources;
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
    ItemCounts counts = new ItemCounts();
    try {
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == lengthDelimited(1)) {
          int limit = in.enter();
          resources.read(in, counts);
          in.exit(limit);
        } else {
          in.skip(tag);
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return new WireScan(counts.items, counts.invalidIds);
  }

  private static int lengthDelimited(int field) {
    return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
