package dev.tailgate.exporter.jaeger;

import com.google.protobuf.ByteString;
import dev.tailgate.exporter.jaeger.proto.Log;
import dev.tailgate.exporter.jaeger.proto.SpanRef;
import dev.tailgate.exporter.jaeger.proto.SpanRefType;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * One OTLP span as a Jaeger span: ids as bytes, nanosecond times, the parent as the first {@code
 * CHILD_OF} reference and links as {@code FOLLOWS_FROM} references after it, events as logs, and
 * attributes, kind, status, scope, trace state and dropped counts as tags.
 *
 * <p>Link attributes and trace state have no place in a Jaeger reference and are not sent (the spec
 * leaves turning links into logs optional).
 */
final class SpanToJaeger {
  static final String SPAN_KIND = "span.kind";
  static final String STATUS_CODE = "otel.status_code";
  static final String STATUS_DESCRIPTION = "otel.status_description";
  static final String ERROR = "error";
  static final String SCOPE_NAME = "otel.scope.name";
  static final String SCOPE_VERSION = "otel.scope.version";
  // Deprecated aliases that the spec still requires, for backends and dashboards that query them.
  static final String LIBRARY_NAME = "otel.library.name";
  static final String LIBRARY_VERSION = "otel.library.version";
  // Not in the spec (it leaves trace state "TBD"); the key the Collector's translator uses.
  static final String TRACE_STATE = "w3c.tracestate";
  static final String DROPPED_ATTRIBUTES = "otel.dropped_attributes_count";
  static final String DROPPED_EVENTS = "otel.dropped_events_count";
  static final String DROPPED_LINKS = "otel.dropped_links_count";
  static final String EVENT = "event";
  // Jaeger's flag bit for "sampled" is the same bit as W3C's, the low byte of OTLP's span flags.
  private static final int SAMPLED = 0x01;

  private final JaegerTags tags;

  SpanToJaeger(JaegerTags tags) {
    this.tags = tags;
  }

  /** What every span of one instrumentation scope carries: its name, version and attributes. */
  record Scope(List<dev.tailgate.exporter.jaeger.proto.KeyValue> tags) {}

  Scope scope(InstrumentationScope scope) {
    List<dev.tailgate.exporter.jaeger.proto.KeyValue> scopeTags = new ArrayList<>();
    for (KeyValue attribute : scope.getAttributesList()) {
      scopeTags.add(tags.attribute(attribute.getKey(), attribute.getValue()));
    }
    if (!scope.getName().isEmpty()) {
      scopeTags.add(JaegerTags.string(SCOPE_NAME, scope.getName()));
      scopeTags.add(JaegerTags.string(LIBRARY_NAME, scope.getName()));
    }
    if (!scope.getVersion().isEmpty()) {
      scopeTags.add(JaegerTags.string(SCOPE_VERSION, scope.getVersion()));
      scopeTags.add(JaegerTags.string(LIBRARY_VERSION, scope.getVersion()));
    }
    return new Scope(List.copyOf(scopeTags));
  }

  dev.tailgate.exporter.jaeger.proto.Span translate(Span span, Scope scope) {
    return dev.tailgate.exporter.jaeger.proto.Span.newBuilder()
        .setTraceId(span.getTraceId())
        .setSpanId(span.getSpanId())
        .setOperationName(span.getName())
        .addAllReferences(references(span))
        .setFlags(span.getFlags() & SAMPLED)
        .setStartTime(JaegerTime.timestamp(span.getStartTimeUnixNano()))
        .setDuration(JaegerTime.duration(span.getStartTimeUnixNano(), span.getEndTimeUnixNano()))
        .addAllTags(tags(span, scope))
        .addAllLogs(logs(span))
        .build();
  }

  private static List<SpanRef> references(Span span) {
    List<SpanRef> references = new ArrayList<>(span.getLinksCount() + 1);
    if (isSet(span.getParentSpanId())) {
      references.add(reference(span.getTraceId(), span.getParentSpanId(), SpanRefType.CHILD_OF));
    }
    for (Span.Link link : span.getLinksList()) {
      references.add(reference(link.getTraceId(), link.getSpanId(), SpanRefType.FOLLOWS_FROM));
    }
    return references;
  }

  private static SpanRef reference(ByteString traceId, ByteString spanId, SpanRefType type) {
    return SpanRef.newBuilder().setTraceId(traceId).setSpanId(spanId).setRefType(type).build();
  }

  /** A root span's parent id is empty; an all-zero id is invalid and means no parent either. */
  private static boolean isSet(ByteString id) {
    for (int i = 0; i < id.size(); i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private List<dev.tailgate.exporter.jaeger.proto.KeyValue> tags(Span span, Scope scope) {
    TagList list = new TagList();
    for (KeyValue attribute : span.getAttributesList()) {
      list.attribute(tags.attribute(attribute.getKey(), attribute.getValue()));
    }
    scope.tags().forEach(list::inherited);
    String kind = kindOf(span.getKind());
    if (kind != null) {
      list.derived(JaegerTags.string(SPAN_KIND, kind));
    }
    status(span.getStatus(), list);
    if (!span.getTraceState().isEmpty()) {
      list.derived(JaegerTags.string(TRACE_STATE, span.getTraceState()));
    }
    list.count(DROPPED_ATTRIBUTES, span.getDroppedAttributesCount());
    list.count(DROPPED_EVENTS, span.getDroppedEventsCount());
    list.count(DROPPED_LINKS, span.getDroppedLinksCount());
    return list.toList();
  }

  /** INTERNAL (the default kind) and an unspecified kind get no tag, as the spec says. */
  private static String kindOf(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_CLIENT -> "client";
      case SPAN_KIND_SERVER -> "server";
      case SPAN_KIND_PRODUCER -> "producer";
      case SPAN_KIND_CONSUMER -> "consumer";
      default -> null;
    };
  }

  /** An UNSET status is not reported at all, not even its description. */
  private static void status(Status status, TagList list) {
    switch (status.getCode()) {
      case STATUS_CODE_OK -> list.derived(JaegerTags.string(STATUS_CODE, "OK"));
      case STATUS_CODE_ERROR -> {
        list.derived(JaegerTags.string(STATUS_CODE, "ERROR"));
        list.derived(JaegerTags.bool(ERROR, true));
      }
      default -> {
        return;
      }
    }
    if (!status.getMessage().isEmpty()) {
      list.derived(JaegerTags.string(STATUS_DESCRIPTION, status.getMessage()));
    }
  }

  /**
   * An event's name becomes the {@code event} field (OpenTracing's log field for it) unless the
   * event has an {@code event} attribute, which the spec lets take precedence.
   */
  private List<Log> logs(Span span) {
    List<Log> logs = new ArrayList<>(span.getEventsCount());
    for (Span.Event event : span.getEventsList()) {
      TagList fields = new TagList();
      if (!event.getName().isEmpty()) {
        fields.attribute(JaegerTags.string(EVENT, event.getName()));
      }
      for (KeyValue attribute : event.getAttributesList()) {
        fields.attribute(tags.attribute(attribute.getKey(), attribute.getValue()));
      }
      fields.count(DROPPED_ATTRIBUTES, event.getDroppedAttributesCount());
      logs.add(
          Log.newBuilder()
              .setTimestamp(JaegerTime.timestamp(event.getTimeUnixNano()))
              .addAllFields(fields.toList())
              .build());
    }
    return logs;
  }
}
