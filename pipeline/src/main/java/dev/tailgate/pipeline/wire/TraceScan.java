package dev.tailgate.pipeline.wire;

import java.io.IOException;

/** The traces parts of {@link WireScanner}: ResourceSpans down to each span's fields. */
final class TraceScan {
  private TraceScan() {}

  static void resourceSpans(WireReader in, ItemCounts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> CommonMessages.nested(in, CommonMessages::resource); // resource = 1
        case 18 -> { // scope_spans = 2
          int limit = in.enter();
          scopeSpans(in, counts);
          in.exit(limit);
        }
        default -> in.skip(tag);
      }
    }
  }

  private static void scopeSpans(WireReader in, ItemCounts counts) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 10 -> CommonMessages.nested(in, CommonMessages::scope); // scope = 1
        case 18 -> { // spans = 2
          int limit = in.enter();
          counts.items++;
          if (!span(in)) {
            counts.invalidIds++;
          }
          in.exit(limit);
        }
        default -> in.skip(tag);
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
        case 10 -> traceId = in.skipBytes(); // trace_id = 1
        case 18 -> spanId = in.skipBytes(); // span_id = 2
        case 74 -> CommonMessages.keyValue(in, 0); // attributes = 9
        case 90 -> CommonMessages.nested(in, TraceScan::event); // events = 11
        case 106 -> CommonMessages.nested(in, TraceScan::link); // links = 13
        case 122 -> CommonMessages.nested(in, CommonMessages::scalars); // status = 15
        default -> in.skip(tag);
      }
    }
    return traceId == 16 && spanId == 8;
  }

  private static void event(WireReader in) throws IOException {
    CommonMessages.attributesAt(in, 26); // attributes = 3
  }

  private static void link(WireReader in) throws IOException {
    CommonMessages.attributesAt(in, 34); // attributes = 4
  }
}
