package dev.tailgate.processor.tailsampling.policy;

import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.SpanEventItem;
import dev.tailgate.processor.ottl.SpanItem;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * {@code ottl_condition}: see {@link OttlConditionConfig}. Conditions read any field of a span, so
 * each buffered span is parsed at decision time through {@link SpanRef#span()}, as the attribute
 * policies do. Under error_mode propagate a failing condition throws, and the decider counts the
 * policy's error and takes it as not sampled.
 */
final class OttlConditionPolicy implements Policy {
  private final String name;
  private final Conditions<SpanItem> spans;
  private final Conditions<SpanEventItem> events;

  OttlConditionPolicy(String name, Conditions<SpanItem> spans, Conditions<SpanEventItem> events) {
    this.name = name;
    this.spans = spans;
    this.events = events;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    for (SpanRef ref : trace.spans()) {
      Span span = ref.span();
      SpanItem item =
          new SpanItem(
              ref.resource() == null ? Resource.getDefaultInstance() : ref.resource(),
              ref.scope() == null ? InstrumentationScope.getDefaultInstance() : ref.scope(),
              span);
      if (!spans.isEmpty() && spans.anyMatches(item)) {
        return Decision.SAMPLE;
      }
      if (!events.isEmpty()) {
        for (Span.Event event : span.getEventsList()) {
          if (events.anyMatches(new SpanEventItem(item, event))) {
            return Decision.SAMPLE;
          }
        }
      }
    }
    return Decision.NOT_SAMPLE;
  }
}
