package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.wire.EntryHeads;
import dev.tailgate.pipeline.wire.WireReader;

/**
 * Reads the spans of an encoded export request for the buffer without parsing it: each span's place
 * in the bytes, its trace id, times and status, whether it is a root span (no parent span id), and
 * the resource and scope entries it came under ({@link Origin}). Field numbers are those of
 * opentelemetry-proto v1.
 */
final class IncomingSpans {
  private static final int RESOURCE_SPANS = 10; // ExportTraceServiceRequest.resource_spans = 1
  private static final int ENTRIES = 18; // ResourceSpans.scope_spans = 2, ScopeSpans.spans = 2
  private static final int TRACE_ID = 10; // Span.trace_id = 1
  private static final int PARENT_SPAN_ID = 34; // Span.parent_span_id = 4
  private static final int START_TIME = 57; // Span.start_time_unix_nano = 7, fixed64
  private static final int END_TIME = 65; // Span.end_time_unix_nano = 8, fixed64
  private static final int STATUS = 122; // Span.status = 15
  private static final int STATUS_CODE = 24; // Status.code = 3

  /** Gets each span in order. */
  interface Visitor {
    void span(BufferedSpan span, ByteString traceId, boolean root);
  }

  private IncomingSpans() {}

  static void read(Arrival arrival, int from, int to, Visitor visitor)
      throws InvalidProtocolBufferException {
    WireReader in = new WireReader(arrival.bytes(), from, to);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == RESOURCE_SPANS) {
        int outer = in.enter();
        resourceEntry(arrival, in.position(), in.limit(), visitor);
        in.exit(outer);
      } else {
        in.skip(tag);
      }
    }
  }

  private static void resourceEntry(Arrival arrival, int from, int to, Visitor visitor)
      throws InvalidProtocolBufferException {
    byte[] bytes = arrival.bytes();
    ByteString head = EntryHeads.withoutEntries(bytes, from, to);
    WireReader in = new WireReader(bytes, from, to);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == ENTRIES) {
        int outer = in.enter();
        scopeEntry(arrival, head, in, visitor);
        in.exit(outer);
      } else {
        in.skip(tag);
      }
    }
  }

  private static void scopeEntry(
      Arrival arrival, ByteString resourceEntry, WireReader in, Visitor visitor)
      throws InvalidProtocolBufferException {
    byte[] bytes = arrival.bytes();
    Origin origin =
        new Origin(
            arrival, resourceEntry, EntryHeads.withoutEntries(bytes, in.position(), in.limit()));
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == ENTRIES) {
        int outer = in.enter();
        span(origin, in, visitor);
        in.exit(outer);
      } else {
        in.skip(tag);
      }
    }
  }

  private static void span(Origin origin, WireReader in, Visitor visitor)
      throws InvalidProtocolBufferException {
    int from = in.position();
    int to = in.limit();
    ByteString traceId = ByteString.EMPTY;
    long start = 0;
    long end = 0;
    int status = 0;
    boolean root = true;
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case TRACE_ID -> {
          int outer = in.enter();
          traceId =
              UnsafeByteOperations.unsafeWrap(
                  in.buffer(), in.position(), in.limit() - in.position());
          in.exit(outer);
        }
        case PARENT_SPAN_ID -> {
          int outer = in.enter();
          // An empty id is no parent, as OTLP writes a root span that sets the field anyway.
          root = in.limit() == in.position();
          in.exit(outer);
        }
        case START_TIME -> start = in.readFixed64();
        case END_TIME -> end = in.readFixed64();
        case STATUS -> {
          int outer = in.enter();
          int inner;
          while ((inner = in.readTag()) != 0) {
            if (inner == STATUS_CODE) {
              status = in.readVarint32();
            } else {
              in.skip(inner);
            }
          }
          in.exit(outer);
        }
        default -> in.skip(tag);
      }
    }
    visitor.span(new BufferedSpan(origin, from, to - from, start, end, status), traceId, root);
  }
}
