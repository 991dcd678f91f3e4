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

  /** The marks of one verdict, built once for all the spans of a trace. */
  Marks marksFor(SamplingVerdict verdict) {
    KeyValue attribute =
        policyAttribute
            ? KeyValue.newBuilder()
                .setKey(POLICY_ATTRIBUTE)
                .setValue(AnyValue.newBuilder().setStringValue(verdict.policy()))
                .build()
            : null;
    boolean threshold = tracestateThreshold && verdict.probability() > 0;
    return new Marks(
        attribute,
        threshold ? verdict.probability() : 0,
        threshold ? SamplingThreshold.merge("", verdict.probability()) : null);
  }

  Span mark(Span span, SamplingVerdict verdict) {
    return marksFor(verdict).mark(span);
  }

  /** A null attribute or tracestate means that mark is off. */
  record Marks(KeyValue attribute, double probability, String tracestateAlone) {

    Span mark(Span span) {
      if (attribute == null && tracestateAlone == null) {
        return span;
      }
      Span.Builder marked = span.toBuilder();
      if (attribute != null) {
        int existing = indexOf(span, POLICY_ATTRIBUTE);
        // A trace sampled by an upstream gateway too carries the attribute already: ours is the later word.
        if (existing >= 0) {
          marked.setAttributes(existing, attribute);
        } else {
          marked.addAttributes(attribute);
        }
      }
      if (tracestateAlone != null) {
        String tracestate = span.getTraceState();
        marked.setTraceState(tracestate.isEmpty() ? tracestateAlone : SamplingThreshold.merge(tracestate, probability));
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
}
