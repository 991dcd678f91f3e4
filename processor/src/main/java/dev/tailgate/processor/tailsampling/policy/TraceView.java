package dev.tailgate.processor.tailsampling.policy;

import com.google.protobuf.ByteString;
import java.util.List;

/** What policies see of a buffered trace when it is decided. */
public interface TraceView {
  ByteString traceId();

  /** Every span received for this trace so far, in arrival order. */
  List<SpanRef> spans();

  /** Encoded size of the spans (for bytes_limiting), summed as they arrived. */
  long encodedBytes();
}
