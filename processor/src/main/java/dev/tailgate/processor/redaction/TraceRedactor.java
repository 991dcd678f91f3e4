package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Span, span event and span link attributes (resource and scope: {@link ResourceAndScope}). */
final class TraceRedactor {
  private final AttributeRedactor attributes;

  TraceRedactor(AttributeRedactor attributes) {
    this.attributes = attributes;
  }

  Span span(Span span, RedactionCounts counts) {
    List<KeyValue> attributesIn = span.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    List<Span.Event> eventsIn = span.getEventsList();
    // Most spans have no events or links; skipping spares a lambda per span on the hot path.
    List<Span.Event> eventsOut =
        eventsIn.isEmpty() ? eventsIn : CopyOnWrite.map(eventsIn, event -> event(event, counts));
    List<Span.Link> linksIn = span.getLinksList();
    List<Span.Link> linksOut =
        linksIn.isEmpty() ? linksIn : CopyOnWrite.map(linksIn, link -> link(link, counts));
    if (attributesOut == attributesIn && eventsOut == eventsIn && linksOut == linksIn) {
      return span;
    }
    Span.Builder builder = span.toBuilder();
    if (attributesOut != attributesIn) {
      builder.clearAttributes().addAllAttributes(attributesOut);
    }
    if (eventsOut != eventsIn) {
      builder.clearEvents().addAllEvents(eventsOut);
    }
    if (linksOut != linksIn) {
      builder.clearLinks().addAllLinks(linksOut);
    }
    return builder.build();
  }

  private Span.Event event(Span.Event event, RedactionCounts counts) {
    List<KeyValue> in = event.getAttributesList();
    List<KeyValue> out = attributes.redactSet(in, counts);
    return out == in ? event : event.toBuilder().clearAttributes().addAllAttributes(out).build();
  }

  private Span.Link link(Span.Link link, RedactionCounts counts) {
    List<KeyValue> in = link.getAttributesList();
    List<KeyValue> out = attributes.redactSet(in, counts);
    return out == in ? link : link.toBuilder().clearAttributes().addAllAttributes(out).build();
  }
}
