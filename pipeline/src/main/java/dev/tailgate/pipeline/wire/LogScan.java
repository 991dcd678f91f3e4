package dev.tailgate.pipeline.wire;

import java.io.IOException;

/** The logs parts of {@link WireScanner}: ResourceLogs down to each log record's fields. */
final class LogScan {
  private LogScan() {}

  static void resourceLogs(WireReader in, ItemCounts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> CommonMessages.nested(in, CommonMessages::resource);
        case 18 -> { // scope_logs = 2
          int limit = in.enter();
          scopeLogs(in, counts);
          in.exit(limit);
        }
        default -> in.skip(tag);
      }
    }
  }

  private static void scopeLogs(WireReader in, ItemCounts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> CommonMessages.nested(in, CommonMessages::scope);
        case 18 -> { // log_records = 2
          int limit = in.enter();
          counts.items++;
          if (!logRecord(in)) {
            counts.invalidIds++;
          }
          in.exit(limit);
        }
        default -> in.skip(tag);
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
          int limit = in.enter();
          CommonMessages.anyValue(in, 1);
          in.exit(limit);
        }
        case 50 -> CommonMessages.keyValue(in, 0); // attributes = 6
        case 74 -> traceId = in.skipBytes(); // trace_id = 9
        case 82 -> spanId = in.skipBytes(); // span_id = 10
        default -> in.skip(tag);
      }
    }
    return (traceId == 0 || traceId == 16) && (spanId == 0 || spanId == 8);
  }
}
