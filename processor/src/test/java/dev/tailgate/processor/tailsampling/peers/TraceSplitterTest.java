package dev.tailgate.processor.tailsampling.peers;

import static dev.tailgate.processor.tailsampling.peers.PeerTraces.ownedBy;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.request;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.span;
import static dev.tailgate.processor.tailsampling.peers.PeerTraces.spanNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceSplitterTest {
  static final Endpoint SELF = Endpoint.parse("10.0.0.1:4317");
  static final Endpoint B = Endpoint.parse("10.0.0.2:4317");
  static final Endpoint C = Endpoint.parse("10.0.0.3:4317");

  /** A connection from B's address, as B's forwards come. */
  static final Origin FROM_B = Origin.of(new InetSocketAddress("10.0.0.2", 43170), null);

  static final Origin CLIENT = Origin.of(new InetSocketAddress("10.9.0.1", 43170), null);

  final PeerRing ring = PeerRing.of(SELF, List.of(B, C));
  final TraceSplitter splitter = new TraceSplitter(SELF, connections());
  final ByteString mine = ownedBy(ring, SELF, 0);
  final ByteString bs = ownedBy(ring, B, 0);
  final ByteString cs = ownedBy(ring, C, 0);

  @Test
  void passesARequestOfOnlyItsOwnTracesOnAsItIs() {
    ExportTraceServiceRequest request = request(span(mine, "a"), span(ownedBy(ring, SELF, 1), "b"));

    OwnerSplit split = splitter.split(request, ring, CLIENT);

    assertThat(split.local()).isSameAs(request);
    assertThat(split.forwards()).isEmpty();
  }

  @Test
  void splitsSpansByTheOwnerOfTheirTraceKeepingResourceAndScope() {
    ExportTraceServiceRequest request =
        request(span(mine, "m1"), span(bs, "b1"), span(cs, "c1"), span(bs, "b2"), span(mine, "m2"));

    OwnerSplit split = splitter.split(request, ring, CLIENT);

    assertThat(spanNames(split.local())).containsExactly("m1", "m2");
    assertThat(split.forwards()).containsOnlyKeys(B, C);
    assertThat(spanNames(split.forwards().get(B))).containsExactly("b1", "b2");
    assertThat(spanNames(split.forwards().get(C))).containsExactly("c1");
    ResourceSpans original = request.getResourceSpans(0);
    ResourceSpans toB = split.forwards().get(B).getResourceSpans(0);
    assertThat(toB.getSchemaUrl()).isEqualTo(original.getSchemaUrl());
    assertThat(toB.getScopeSpans(0).getScope()).isEqualTo(original.getScopeSpans(0).getScope());
    assertThat(toB.getScopeSpans(0).getSchemaUrl())
        .isEqualTo(original.getScopeSpans(0).getSchemaUrl());
    assertThat(split.local().getResourceSpans(0).getResource()).isEqualTo(original.getResource());
  }

  @Test
  void marksForwardedSpansWithThisReplicasAddress() {
    OwnerSplit split = splitter.split(request(span(bs, "b1")), ring, CLIENT);

    Resource forwarded = split.forwards().get(B).getResourceSpans(0).getResource();
    assertThat(ForwardMark.forwardedBy(forwarded)).isEqualTo("10.0.0.1:4317");
    assertThat(ForwardMark.strip(forwarded)).isEqualTo(TestBatches.resource("svc"));
  }

  @Test
  void keepsSpansAPeerForwardedHereEvenWhenItThinksAnotherOwnsThem() {
    // B's view of the membership differs for a moment: it thinks this replica owns both traces.
    ExportTraceServiceRequest fromB =
        request(
            new ForwardMark("10.0.0.2:4317").mark(TestBatches.resource("svc")),
            span(cs, "c1"),
            span(mine, "m1"));

    OwnerSplit split = splitter.split(fromB, ring, FROM_B);

    assertThat(split.forwards()).isEmpty();
    assertThat(spanNames(split.local())).containsExactly("c1", "m1");
    assertThat(split.local().getResourceSpans(0).getResource())
        .isEqualTo(TestBatches.resource("svc"));
    assertThat(split.receivedFrom()).isEqualTo(Map.of("10.0.0.2:4317", 2));
  }

  @Test
  void routesSpansWhoseForwardMarkNamesNoRingMemberLikeAnyOthersAndStripsTheMark() {
    ExportTraceServiceRequest spoofed =
        request(
            new ForwardMark("attacker-" + 42).mark(TestBatches.resource("svc")),
            span(cs, "c1"),
            span(mine, "m1"));

    OwnerSplit split = splitter.split(spoofed, ring, CLIENT);

    assertThat(spanNames(split.local())).containsExactly("m1");
    assertThat(spanNames(split.forwards().get(C))).containsExactly("c1");
    assertThat(ForwardMark.forwardedBy(split.local().getResourceSpans(0).getResource())).isNull();
    assertThat(ForwardMark.forwardedBy(split.forwards().get(C).getResourceSpans(0).getResource()))
        .as("marked by this replica, the one forwarding")
        .isEqualTo("10.0.0.1:4317");
    assertThat(split.receivedFrom()).isEmpty();
  }

  @Test
  void doesNotHonourAMarkNamingThisReplicaItself() {
    ExportTraceServiceRequest looped =
        request(new ForwardMark("10.0.0.1:4317").mark(TestBatches.resource("svc")), span(bs, "b1"));

    OwnerSplit split =
        splitter.split(looped, ring, Origin.of(new InetSocketAddress("10.0.0.1", 1), null));

    assertThat(spanNames(split.forwards().get(B))).containsExactly("b1");
    assertThat(split.receivedFrom()).isEmpty();
  }

  @Test
  void aRealPeersMarkOnAnotherConnectionIsStrippedAndItsSpansRoutedByOwner() {
    for (Origin notB : List.of(CLIENT, Origin.NONE)) {
      ExportTraceServiceRequest copied =
          request(
              new ForwardMark("10.0.0.2:4317").mark(TestBatches.resource("svc")),
              span(cs, "c1"),
              span(mine, "m1"));

      OwnerSplit split = splitter.split(copied, ring, notB);

      assertThat(spanNames(split.local())).containsExactly("m1");
      assertThat(spanNames(split.forwards().get(C))).containsExactly("c1");
      assertThat(ForwardMark.forwardedBy(split.local().getResourceSpans(0).getResource())).isNull();
      assertThat(split.receivedFrom()).isEmpty();
    }
  }

  private static MemberConnections connections() {
    MemberConnections connections = new MemberConnections(HostResolver.SYSTEM);
    connections.follow(Set.of(SELF, B, C));
    return connections;
  }
}
