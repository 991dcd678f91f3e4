package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.tailsampling.policy.SpanRef;
import dev.tailgate.processor.tailsampling.policy.TraceView;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The spans of one undecided trace, as fragments: runs of spans that arrived together under the
 * same resource and scope, so the per-span cost is one list slot. Each span waits as its protobuf
 * encoding (about 1.1x its wire size on the heap, against 5-6x as a protobuf-java object graph)
 * and is parsed once, when the trace is decided: a buffer of decision_wait seconds of traffic is
 * most of a gateway's live heap, and its size is what the garbage collector pays for.
 */
final class BufferedTrace implements TraceView {
  private final ByteString traceId;
  private final long firstArrivalNanos;
  private final List<Fragment> fragments = new ArrayList<>(2);
  private int spanCount;
  private long encodedBytes;
  private List<SpanRef> refs;

  BufferedTrace(ByteString traceId, long firstArrivalNanos) {
    this.traceId = traceId;
    this.firstArrivalNanos = firstArrivalNanos;
  }

  void add(Origin origin, Span span) {
    Fragment last = fragments.isEmpty() ? null : fragments.get(fragments.size() - 1);
    if (last == null || last.origin() != origin) {
      last = new Fragment(origin, new ArrayList<>(4));
      fragments.add(last);
    }
    ByteString encoded = span.toByteString();
    last.spans().add(encoded);
    refs = null;
    spanCount++;
    encodedBytes += encoded.size();
  }

  @Override
  public ByteString traceId() {
    return traceId;
  }

  long firstArrivalNanos() {
    return firstArrivalNanos;
  }

  int spanCount() {
    return spanCount;
  }

  List<Fragment> fragments() {
    return fragments;
  }

  /**
   * Built when first asked, at decision time, and shared by the policies: no span pays for it
   * while it waits.
   */
  @Override
  public List<SpanRef> spans() {
    if (refs == null) {
      List<SpanRef> built = new ArrayList<>(spanCount);
      for (Fragment fragment : fragments) {
        Origin origin = fragment.origin();
        for (ByteString span : fragment.spans()) {
          built.add(new SpanRef(origin.resource(), origin.scope(), parse(span)));
        }
      }
      refs = Collections.unmodifiableList(built);
    }
    return refs;
  }

  /** The trace is decided: its parsed spans are not needed any more. */
  void decided() {
    refs = null;
  }

  @Override
  public long encodedBytes() {
    return encodedBytes;
  }

  /** Spans written by this buffer from parsed spans parse again; anything else is a bug here. */
  private static Span parse(ByteString encoded) {
    try {
      CodedInputStream input = encoded.newCodedInput();
      input.setRecursionLimit(Signal.MAX_MESSAGE_NESTING);
      return Span.parser().parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a buffered span does not parse: " + e.getMessage(), e);
    }
  }

  /** Spans in their encoding, in arrival order. */
  record Fragment(Origin origin, List<ByteString> spans) {}
}
