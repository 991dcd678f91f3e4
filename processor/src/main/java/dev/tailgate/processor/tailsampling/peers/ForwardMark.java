package dev.tailgate.processor.tailsampling.peers;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;

/**
 * The resource attribute {@code tailgate.forwarded_by=<peer>} that marks spans one replica
 * forwarded to another. The peer's receiver sits before its processors and passes on only the
 * request, not gRPC metadata, so the mark has to travel in the data. The owner buffers marked spans
 * whether or not it thinks it owns them (views of the membership differ for a moment during a
 * change), so nothing is forwarded twice, and strips the mark before buffering, so it never reaches
 * a backend.
 */
final class ForwardMark {
  static final String ATTRIBUTE = "tailgate.forwarded_by";

  private final KeyValue mark;

  ForwardMark(String self) {
    this.mark =
        KeyValue.newBuilder()
            .setKey(ATTRIBUTE)
            .setValue(AnyValue.newBuilder().setStringValue(self))
            .build();
  }

  Resource mark(Resource resource) {
    return resource.toBuilder().addAttributes(mark).build();
  }

  /** The peer that forwarded spans under this resource, or null when they were not forwarded. */
  static String forwardedBy(Resource resource) {
    int at = indexOf(resource);
    return at < 0 ? null : resource.getAttributes(at).getValue().getStringValue();
  }

  static Resource strip(Resource resource) {
    int at = indexOf(resource);
    return at < 0 ? resource : resource.toBuilder().removeAttributes(at).build();
  }

  /** The request with every mark removed; the same instance when it has none. */
  static ExportTraceServiceRequest strip(ExportTraceServiceRequest request) {
    ExportTraceServiceRequest.Builder stripped = null;
    for (int i = 0; i < request.getResourceSpansCount(); i++) {
      ResourceSpans resourceSpans = request.getResourceSpans(i);
      if (indexOf(resourceSpans.getResource()) >= 0) {
        if (stripped == null) {
          stripped = request.toBuilder();
        }
        stripped.setResourceSpans(
            i, resourceSpans.toBuilder().setResource(strip(resourceSpans.getResource())));
      }
    }
    return stripped == null ? request : stripped.build();
  }

  private static int indexOf(Resource resource) {
    for (int i = 0; i < resource.getAttributesCount(); i++) {
      if (resource.getAttributes(i).getKey().equals(ATTRIBUTE)) {
        return i;
      }
    }
    return -1;
  }
}
