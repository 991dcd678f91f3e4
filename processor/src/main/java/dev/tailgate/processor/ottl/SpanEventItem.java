package dev.tailgate.processor.ottl;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/** What a {@code spanevent} condition looks at: the event, and the span it belongs to. */
public record SpanEventItem(SpanItem span, Span.Event event) implements Scoped {
  @Override
  public Resource resource() {
    return span.resource();
  }

  @Override
  public InstrumentationScope scope() {
    return span.scope();
  }
}
