package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import dev.tailgate.processor.tailsampling.policy.SpanRef;
import dev.tailgate.processor.tailsampling.policy.TraceView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The spans of one undecided trace, in arrival order. Each waits as a slice of the bytes it arrived
 * in with the few fields read on arrival ({@link BufferedSpan}), about 1.1x its wire size on the
 * heap against 5-6x as a protobuf-java object graph: a buffer of decision_wait seconds of traffic
 * is most of a gateway's live heap, and its size is what the garbage collector pays for.
 */
final class BufferedTrace implements TraceView {
  private final ByteString traceId;
  private final long firstArrivalNanos;
  private final List<BufferedSpan> spans = new ArrayList<>(4);
  private final List<SpanRef> view = Collections.<SpanRef>unmodifiableList(spans);
  private long encodedBytes;
  private boolean rootArrived;
  private long rootArrivalNanos;

  BufferedTrace(ByteString traceId, long firstArrivalNanos) {
    this.traceId = traceId;
    this.firstArrivalNanos = firstArrivalNanos;
  }

  void add(BufferedSpan span) {
    spans.add(span);
    span.origin().arrival().spanBuffered();
    encodedBytes += span.length();
  }

  @Override
  public ByteString traceId() {
    return traceId;
  }

  long firstArrivalNanos() {
    return firstArrivalNanos;
  }

  /** Records that the trace's root span arrived now; false if one had arrived already. */
  boolean rootArrived(long nowNanos) {
    if (rootArrived) {
      return false;
    }
    rootArrived = true;
    rootArrivalNanos = nowNanos;
    return true;
  }

  boolean hasRoot() {
    return rootArrived;
  }

  /** When the first root span arrived; meaningful only once {@link #hasRoot} says so. */
  long rootArrivalNanos() {
    return rootArrivalNanos;
  }

  int spanCount() {
    return spans.size();
  }

  List<BufferedSpan> buffered() {
    return spans;
  }

  @Override
  public List<SpanRef> spans() {
    return view;
  }

  @Override
  public long encodedBytes() {
    return encodedBytes;
  }

  /**
   * The trace is decided and its spans passed on or dropped: parsed forms go, and each arrival
   * learns that one more of its spans is done.
   */
  void decided() {
    for (BufferedSpan span : spans) {
      span.decided();
      span.origin().arrival().spanDecided();
    }
  }
}
