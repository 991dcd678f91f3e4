package dev.tailgate.processor.tailsampling.peers;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.config.Endpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a request by the owner of each span's trace, keeping resources and scopes. Spans another
 * member of the ring forwarded here stay here, whoever the ring says owns them. A forward mark is
 * honoured only when it names another member and the request came on that member's connection (see
 * {@link MemberConnections}); any other mark is stripped and its spans are routed like a client's,
 * so a client cannot make its spans skip owner routing with a mark, made up or copied from a real
 * peer (nor add metric series with new values). A request that is wholly this replica's, the common
 * case, is returned as it is.
 */
final class TraceSplitter {
  private final Endpoint self;
  private final ForwardMark mark;
  private final MemberConnections connections;

  TraceSplitter(Endpoint self, MemberConnections connections) {
    this.self = self;
    this.mark = new ForwardMark(self.toString());
    this.connections = connections;
  }

  /** Splits {@code request}, which arrived on the connection {@code origin}. */
  OwnerSplit split(ExportTraceServiceRequest request, PeerRing ring, Origin origin) {
    Map<ByteString, Endpoint> owners = new HashMap<>();
    if (whollyLocal(request, ring, owners)) {
      return new OwnerSplit(request, Map.of(), Map.of());
    }
    Map<Endpoint, ExportTraceServiceRequest.Builder> byOwner = new LinkedHashMap<>();
    Map<String, Integer> received = new HashMap<>();
    for (ResourceSpans original : request.getResourceSpansList()) {
      ResourceSpans resourceSpans = original;
      String forwardedBy = ForwardMark.forwardedBy(resourceSpans.getResource());
      if (forwardedBy != null) {
        resourceSpans =
            original.toBuilder().setResource(ForwardMark.strip(original.getResource())).build();
        if (sentByPeer(forwardedBy, ring, origin)) {
          received.merge(forwardedBy, spanCount(resourceSpans), Integer::sum);
          builder(byOwner, self).addResourceSpans(resourceSpans);
          continue;
        }
        // A mark no ring member sent (a client's, forged or copied, or a replica's that has left):
        // the spans are routed like any others, and the value never becomes a metric tag.
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            owners.computeIfAbsent(span.getTraceId(), ring::ownerOf);
          }
        }
      }
      for (Map.Entry<Endpoint, ResourceSpans.Builder> part :
          byOwner(resourceSpans, owners).entrySet()) {
        builder(byOwner, part.getKey()).addResourceSpans(part.getValue());
      }
    }
    ExportTraceServiceRequest.Builder local = byOwner.remove(self);
    Map<Endpoint, ExportTraceServiceRequest> forwards = new LinkedHashMap<>();
    byOwner.forEach((owner, builder) -> forwards.put(owner, builder.build()));
    return new OwnerSplit(local == null ? null : local.build(), forwards, received);
  }

  /** Fills {@code owners}; true when every span is this replica's and none was forwarded here. */
  private boolean whollyLocal(
      ExportTraceServiceRequest request, PeerRing ring, Map<ByteString, Endpoint> owners) {
    boolean local = true;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      if (ForwardMark.forwardedBy(resourceSpans.getResource()) != null) {
        local = false;
        continue;
      }
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          // Hashed once per trace: the spans of a trace often travel together.
          Endpoint owner = owners.computeIfAbsent(span.getTraceId(), ring::ownerOf);
          local &= owner.equals(self);
        }
      }
    }
    return local;
  }

  private Map<Endpoint, ResourceSpans.Builder> byOwner(
      ResourceSpans resourceSpans, Map<ByteString, Endpoint> owners) {
    Map<Endpoint, ResourceSpans.Builder> parts = new LinkedHashMap<>();
    Resource marked = null;
    for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
      Map<Endpoint, ScopeSpans.Builder> scopeParts = new LinkedHashMap<>();
      for (Span span : scopeSpans.getSpansList()) {
        Endpoint owner = owners.get(span.getTraceId());
        scopeParts
            .computeIfAbsent(
                owner,
                o ->
                    ScopeSpans.newBuilder()
                        .setScope(scopeSpans.getScope())
                        .setSchemaUrl(scopeSpans.getSchemaUrl()))
            .addSpans(span);
      }
      for (Map.Entry<Endpoint, ScopeSpans.Builder> scopePart : scopeParts.entrySet()) {
        Endpoint owner = scopePart.getKey();
        ResourceSpans.Builder part = parts.get(owner);
        if (part == null) {
          Resource resource = resourceSpans.getResource();
          if (!owner.equals(self)) {
            marked = marked == null ? mark.mark(resource) : marked;
            resource = marked;
          }
          part =
              ResourceSpans.newBuilder()
                  .setResource(resource)
                  .setSchemaUrl(resourceSpans.getSchemaUrl());
          parts.put(owner, part);
        }
        part.addScopeSpans(scopePart.getValue());
      }
    }
    return parts;
  }

  /**
   * Whether a forward mark names another member of the ring, and the request came on that member's
   * connection.
   */
  private boolean sentByPeer(String forwardedBy, PeerRing ring, Origin origin) {
    if (forwardedBy.equals(self.toString())) {
      return false;
    }
    for (Endpoint member : ring.members()) {
      if (member.toString().equals(forwardedBy)) {
        return connections.isFrom(member, origin);
      }
    }
    return false;
  }

  private static ExportTraceServiceRequest.Builder builder(
      Map<Endpoint, ExportTraceServiceRequest.Builder> byOwner, Endpoint owner) {
    return byOwner.computeIfAbsent(owner, o -> ExportTraceServiceRequest.newBuilder());
  }

  private static int spanCount(ResourceSpans resourceSpans) {
    int count = 0;
    for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
      count += scopeSpans.getSpansCount();
    }
    return count;
  }
}
