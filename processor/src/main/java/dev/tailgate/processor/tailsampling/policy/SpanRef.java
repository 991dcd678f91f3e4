package dev.tailgate.processor.tailsampling.policy;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A buffered span with the resource and scope it arrived under. The buffer keeps spans encoded and
 * reads the few fields most policies need (status, times) when they arrive, so a policy that asks
 * only for those never makes the span be parsed; {@link #span()} parses it when first asked.
 */
public interface SpanRef {
  Resource resource();

  InstrumentationScope scope();

  Span span();

  /** The status code's number as sent (0 unset, 1 ok, 2 error; others as sent). */
  default int statusCode() {
    return span().getStatus().getCodeValue();
  }

  default long startTimeUnixNano() {
    return span().getStartTimeUnixNano();
  }

  default long endTimeUnixNano() {
    return span().getEndTimeUnixNano();
  }

  /** A span already parsed (tests, and tools that build traces). */
  static SpanRef of(Resource resource, InstrumentationScope scope, Span span) {
    return new Parsed(resource, scope, span);
  }

  record Parsed(Resource resource, InstrumentationScope scope, Span span) implements SpanRef {}
}
