package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Record keys made of trace ids: the lowercase hex string, as the Collector's kafka exporter writes
 * it.
 */
final class TraceIdKeys {
  private static final HexFormat HEX = HexFormat.of();

  private TraceIdKeys() {}

  /** The key of {@code traceId}; null for an empty id (a log record outside any trace). */
  static byte[] of(ByteString traceId) {
    return traceId.isEmpty()
        ? null
        : HEX.formatHex(traceId.toByteArray()).getBytes(StandardCharsets.US_ASCII);
  }
}
