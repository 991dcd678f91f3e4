package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.LenientParser;
import dev.tailgate.processor.tailsampling.policy.SpanRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A span waiting in the buffer: a slice of its arrival's bytes plus the fields read as it arrived
 * (times and status), about 50 bytes beside its encoding. It is parsed only when a policy asks for
 * more, and the parsed form is dropped once its trace is decided.
 */
final class BufferedSpan implements SpanRef {
  private static final LenientParser<Span> PARSER =
      new LenientParser<>(Span.parser(), Span.getDescriptor(), Signal.MAX_MESSAGE_NESTING);

  private final Origin origin;
  private final int offset;
  private final int length;
  private final long startTimeUnixNano;
  private final long endTimeUnixNano;
  private final int statusCode;
  private Span parsed;

  BufferedSpan(
      Origin origin,
      int offset,
      int length,
      long startTimeUnixNano,
      long endTimeUnixNano,
      int statusCode) {
    this.origin = origin;
    this.offset = offset;
    this.length = length;
    this.startTimeUnixNano = startTimeUnixNano;
    this.endTimeUnixNano = endTimeUnixNano;
    this.statusCode = statusCode;
  }

  Origin origin() {
    return origin;
  }

  /** The span's encoding as it arrived (a view of the arrival's bytes: copy it to keep it). */
  ByteString wire() {
    return UnsafeByteOperations.unsafeWrap(origin.arrival().bytes(), offset, length);
  }

  int length() {
    return length;
  }

  @Override
  public Resource resource() {
    return origin.resource();
  }

  @Override
  public InstrumentationScope scope() {
    return origin.scope();
  }

  @Override
  public Span span() {
    if (parsed == null) {
      try {
        parsed = PARSER.parse(wire());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("a buffered span does not parse: " + e.getMessage(), e);
      }
    }
    return parsed;
  }

  @Override
  public int statusCode() {
    return statusCode;
  }

  @Override
  public long startTimeUnixNano() {
    return startTimeUnixNano;
  }

  @Override
  public long endTimeUnixNano() {
    return endTimeUnixNano;
  }

  /** The trace is decided: the parsed form is not needed any more. */
  void decided() {
    parsed = null;
  }
}
