package dev.tailgate.processor.redaction;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** The resource and scope attributes every signal carries. */
final class ResourceAndScope {
  private final AttributeRedactor attributes;

  ResourceAndScope(AttributeRedactor attributes) {
    this.attributes = attributes;
  }

  Resource resource(Resource resource, RedactionCounts counts) {
    List<KeyValue> in = resource.getAttributesList();
    List<KeyValue> out = attributes.redactSet(in, counts);
    return out == in
        ? resource
        : resource.toBuilder().clearAttributes().addAllAttributes(out).build();
  }

  InstrumentationScope scope(InstrumentationScope scope, RedactionCounts counts) {
    List<KeyValue> in = scope.getAttributesList();
    List<KeyValue> out = attributes.redactSet(in, counts);
    return out == in ? scope : scope.toBuilder().clearAttributes().addAllAttributes(out).build();
  }
}
