package dev.tailgate.processor.tailsampling;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * Marks a kept span with the policy that kept its trace ({@code tailsampling.policy}) and the
 * sampling threshold in its tracestate, as the config asks.
 */
final class SpanMarker {
  static final String POLICY_ATTRIBUTE = "tailsampling.policy";

  private final boolean policyAttribute;
  private final boolean tracestateThreshold;

  SpanMarker(boolean policyAttribute, boolean tracestateThreshold) {
    this.policyAttribute = policyAttribute;
    this.tracestateThreshold = tracestateThreshold;
  }

  Span mark(Span span, SamplingVerdict verdict) {
    boolean threshold = tracestateThreshold && verdict.probability() > 0;
    if (!policyAttribute && !threshold) {
      return span;
    }
    Span.Builder marked = span.toBuilder();
    if (policyAttribute) {
      KeyValue attribute =
          KeyValue.newBuilder()
              .setKey(POLICY_ATTRIBUTE)
              .setValue(AnyValue.newBuilder().setStringValue(verdict.policy()))
              .build();
      int existing = indexOf(span, POLICY_ATTRIBUTE);
      // A trace sampled by an upstream gateway too carries the attribute already: ours is the later word.
      if (existing >= 0) {
        marked.setAttributes(existing, attribute);
      } else {
        marked.addAttributes(attribute);
      }
    }
    if (threshold) {
      marked.setTraceState(SamplingThreshold.merge(span.getTraceState(), verdict.probability()));
    }
    return marked.build();
  }

  private static int indexOf(Span span, String key) {
    for (int i = 0; i < span.getAttributesCount(); i++) {
      if (span.getAttributes(i).getKey().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
