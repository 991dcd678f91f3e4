package dev.tailgate.processor.filter;

import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.SpanEventItem;
import dev.tailgate.processor.ottl.SpanItem;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops spans that match a span condition, and span events that match a spanevent condition. As in
 * the Collector, a dropped span's events are not looked at, a span whose events are all dropped
 * stays, and scopes and resources left without spans are removed.
 */
final class TracesFilter implements ItemFilter<ExportTraceServiceRequest> {
  private final Conditions<SpanItem> spans;
  private final Conditions<SpanEventItem> events;
  private final Counter droppedSpans;
  private final Counter droppedEvents;

  TracesFilter(
      Conditions<SpanItem> spans, Conditions<SpanEventItem> events, FilterMetrics metrics) {
    this.spans = spans;
    this.events = events;
    this.droppedSpans = metrics.dropped("spans");
    this.droppedEvents = metrics.dropped("span_events");
  }

  @Override
  public ExportTraceServiceRequest filter(ExportTraceServiceRequest request) {
    long spansDropped = 0;
    long eventsDropped = 0;
    List<ResourceSpans> resources = new ArrayList<>(request.getResourceSpansCount());
    for (ResourceSpans resource : request.getResourceSpansList()) {
      List<ScopeSpans> scopes = new ArrayList<>(resource.getScopeSpansCount());
      long droppedBeforeResource = spansDropped + eventsDropped;
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        long droppedBeforeScope = spansDropped + eventsDropped;
        List<Span> kept = new ArrayList<>(scope.getSpansCount());
        for (Span span : scope.getSpansList()) {
          SpanItem item = new SpanItem(resource.getResource(), scope.getScope(), span);
          if (!spans.isEmpty() && spans.anyMatches(item)) {
            spansDropped++;
            continue;
          }
          Span withEvents =
              events.isEmpty() || span.getEventsCount() == 0 ? span : withoutMatchingEvents(item);
          eventsDropped += span.getEventsCount() - withEvents.getEventsCount();
          kept.add(withEvents);
        }
        if (spansDropped + eventsDropped == droppedBeforeScope) {
          scopes.add(scope);
        } else if (!kept.isEmpty()) {
          scopes.add(scope.toBuilder().clearSpans().addAllSpans(kept).build());
        }
      }
      if (spansDropped + eventsDropped == droppedBeforeResource) {
        resources.add(resource);
      } else if (!scopes.isEmpty()) {
        resources.add(resource.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
      }
    }
    if (spansDropped == 0 && eventsDropped == 0) {
      return request;
    }
    droppedSpans.increment(spansDropped);
    droppedEvents.increment(eventsDropped);
    return request.toBuilder().clearResourceSpans().addAllResourceSpans(resources).build();
  }

  private Span withoutMatchingEvents(SpanItem span) {
    List<Span.Event> kept = new ArrayList<>(span.span().getEventsCount());
    for (Span.Event event : span.span().getEventsList()) {
      if (!events.anyMatches(new SpanEventItem(span, event))) {
        kept.add(event);
      }
    }
    return kept.size() == span.span().getEventsCount()
        ? span.span()
        : span.span().toBuilder().clearEvents().addAllEvents(kept).build();
  }
}
