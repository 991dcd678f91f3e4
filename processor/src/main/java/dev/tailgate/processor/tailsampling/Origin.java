package dev.tailgate.processor.tailsampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.wire.LenientParser;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * Where buffered spans arrived: the fields of their resource entry but its scope entries (the
 * resource and its schema URL), the fields of their scope entry but its spans (the scope and its
 * schema URL), both as slices of the arrival's bytes, and the {@link Arrival} itself. One per
 * incoming scope entry, shared by its spans. Kept spans leave under these very bytes; the parsed
 * resource and scope are made only when a policy asks for them.
 */
final class Origin {
  private static final LenientParser<ResourceSpans> RESOURCE_ENTRY =
      new LenientParser<>(
          ResourceSpans.parser(), ResourceSpans.getDescriptor(), Signal.MAX_MESSAGE_NESTING);
  private static final LenientParser<ScopeSpans> SCOPE_ENTRY =
      new LenientParser<>(
          ScopeSpans.parser(), ScopeSpans.getDescriptor(), Signal.MAX_MESSAGE_NESTING);

  private final Arrival arrival;
  private final ByteString resourceEntry;
  private final ByteString scopeEntry;
  private Resource resource;
  private InstrumentationScope scope;

  Origin(Arrival arrival, ByteString resourceEntry, ByteString scopeEntry) {
    this.arrival = arrival;
    this.resourceEntry = resourceEntry;
    this.scopeEntry = scopeEntry;
  }

  Arrival arrival() {
    return arrival;
  }

  /** An encoded ResourceSpans without scope_spans. */
  ByteString resourceEntry() {
    return resourceEntry;
  }

  /** An encoded ScopeSpans without spans. */
  ByteString scopeEntry() {
    return scopeEntry;
  }

  Resource resource() {
    if (resource == null) {
      resource = parse(RESOURCE_ENTRY, resourceEntry).getResource();
    }
    return resource;
  }

  InstrumentationScope scope() {
    if (scope == null) {
      scope = parse(SCOPE_ENTRY, scopeEntry).getScope();
    }
    return scope;
  }

  /** The receiver scanned these bytes before they got here; a failure is a bug in the gateway. */
  private static <T> T parse(LenientParser<T> parser, ByteString bytes) {
    try {
      return parser.parse(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("buffered bytes do not parse: " + e.getMessage(), e);
    }
  }
}
