package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Resource, scope, span, span event and span link attributes. */
final class TraceRedactor implements BatchRedactor<ExportTraceServiceRequest> {
  private final AttributeRedactor attributes;
  private final ResourceAndScope owners;

  TraceRedactor(AttributeRedactor attributes) {
    this.attributes = attributes;
    this.owners = new ResourceAndScope(attributes);
  }

  @Override
  public ExportTraceServiceRequest redact(ExportTraceServiceRequest batch, RedactionCounts counts) {
    List<ResourceSpans> in = batch.getResourceSpansList();
    List<ResourceSpans> out = CopyOnWrite.map(in, resourceSpans -> resourceSpans(resourceSpans, counts));
    return out == in ? batch : batch.toBuilder().clearResourceSpans().addAllResourceSpans(out).build();
  }

  private ResourceSpans resourceSpans(ResourceSpans resourceSpans, RedactionCounts counts) {
    Resource resource = owners.resource(resourceSpans.getResource(), counts);
    List<ScopeSpans> in = resourceSpans.getScopeSpansList();
    List<ScopeSpans> out = CopyOnWrite.map(in, scopeSpans -> scopeSpans(scopeSpans, counts));
    if (resource == resourceSpans.getResource() && out == in) {
      return resourceSpans;
    }
    ResourceSpans.Builder builder = resourceSpans.toBuilder();
    if (resource != resourceSpans.getResource()) {
      builder.setResource(resource);
    }
    if (out != in) {
      builder.clearScopeSpans().addAllScopeSpans(out);
    }
    return builder.build();
  }

  private ScopeSpans scopeSpans(ScopeSpans scopeSpans, RedactionCounts counts) {
    InstrumentationScope scope = owners.scope(scopeSpans.getScope(), counts);
    List<Span> in = scopeSpans.getSpansList();
    List<Span> out = CopyOnWrite.map(in, span -> span(span, counts));
    if (scope == scopeSpans.getScope() && out == in) {
      return scopeSpans;
    }
    ScopeSpans.Builder builder = scopeSpans.toBuilder();
    if (scope != scopeSpans.getScope()) {
      builder.setScope(scope);
    }
    if (out != in) {
      builder.clearSpans().addAllSpans(out);
    }
    return builder.build();
  }

  private Span span(Span span, RedactionCounts counts) {
    List<KeyValue> attributesIn = span.getAttributesList();
    List<KeyValue> attributesOut = attributes.redactSet(attributesIn, counts);
    List<Span.Event> eventsIn = span.getEventsList();
    // Most spans have no events or links; skipping spares a lambda per span on the hot path.
    List<Span.Event> eventsOut = eventsIn.isEmpty() ? eventsIn : CopyOnWrite.map(eventsIn, event -> event(event, counts));
    List<Span.Link> linksIn = span.getLinksList();
    List<Span.Link> linksOut = linksIn.isEmpty() ? linksIn : CopyOnWrite.map(linksIn, link -> link(link, counts));
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
