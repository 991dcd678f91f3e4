package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import dev.tailgate.processor.tailsampling.policy.SpanRef;
import dev.tailgate.processor.tailsampling.policy.TraceView;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The spans of one undecided trace, as fragments: runs of spans that arrived together under the
 * same resource and scope, so the per-span cost is one list slot.
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
    last.spans().add(span);
    refs = null;
    spanCount++;
    encodedBytes += span.getSerializedSize();
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
        for (Span span : fragment.spans()) {
          built.add(new SpanRef(origin.resource(), origin.scope(), span));
        }
      }
      refs = Collections.unmodifiableList(built);
    }
    return refs;
  }

  @Override
  public long encodedBytes() {
    return encodedBytes;
  }

  record Fragment(Origin origin, List<Span> spans) {}
}
