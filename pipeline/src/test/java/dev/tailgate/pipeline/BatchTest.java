package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {
  private final MemoryBudget budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());

  private Batch<ExportTraceServiceRequest> arrived(ExportTraceServiceRequest request) {
    ByteString wire = request.toByteString();
    return Batch.ofWire(
        Signal.TRACES, wire, Signal.TRACES.count(request), budget.tryReserve(wire.size()));
  }

  @Test
  void theTenantTravelsThroughEveryRewriteButNeverJoinsAnother() {
    ExportTraceServiceRequest request = TestBatches.traces(1, 1, 4);
    Batch<ExportTraceServiceRequest> fromA = arrived(request).from("team-a");

    assertThat(fromA.rewrittenAs(request.toByteString()).tenant()).isEqualTo("team-a");
    assertThat(fromA.replacedBy(TestBatches.traces(1, 1, 1)).tenant()).isEqualTo("team-a");
    assertThat(fromA.split(2)).extracting(Batch::tenant).containsExactly("team-a", "team-a");
    assertThat(
            Batch.concat(List.of(arrived(request).from("team-a"), arrived(request).from("team-a")))
                .tenant())
        .isEqualTo("team-a");
    assertThatThrownBy(
            () -> Batch.concat(List.of(arrived(request).from("team-a"), arrived(request))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> arrived(request).from("x".repeat(Batch.MAX_TENANT_BYTES + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOriginTravelsThroughEveryRewriteAndSurvivesOnlyAJoinOfOneOrigin() throws Exception {
    ExportTraceServiceRequest request = TestBatches.traces(1, 1, 4);
    Origin peer = Origin.of(new InetSocketAddress("10.0.0.2", 40000), null);
    Origin client = Origin.of(new InetSocketAddress("10.9.9.9", 40000), null);
    Batch<ExportTraceServiceRequest> fromPeer = arrived(request).arrivedOn(peer);

    assertThat(arrived(request).origin()).isSameAs(Origin.NONE);
    assertThat(fromPeer.origin()).isEqualTo(peer);
    assertThat(fromPeer.from("team-a").origin()).isEqualTo(peer);
    assertThat(fromPeer.rewrittenAs(request.toByteString()).origin()).isEqualTo(peer);
    assertThat(fromPeer.replacedBy(TestBatches.traces(1, 1, 1)).origin()).isEqualTo(peer);
    assertThat(fromPeer.encoded().origin()).isEqualTo(peer);
    assertThat(fromPeer.split(2)).extracting(Batch::origin).containsExactly(peer, peer);
    assertThat(
            Batch.concat(
                    List.of(arrived(request).arrivedOn(peer), arrived(request).arrivedOn(peer)))
                .origin())
        .isEqualTo(peer);
    assertThat(
            Batch.concat(
                    List.of(arrived(request).arrivedOn(peer), arrived(request).arrivedOn(client)))
                .origin())
        .isSameAs(Origin.NONE);
    assertThat(
            Batch.writtenFrom(Signal.TRACES, request.toByteString(), 4, List.of(fromPeer)).origin())
        .isSameAs(Origin.NONE);
    assertThat(Batch.of(Signal.TRACES, request).origin()).isSameAs(Origin.NONE);
  }

  @Test
  void concatenationIsTheRopeOfTheArrivalBytesAndParsesToTheMergedRequest() {
    ExportTraceServiceRequest a = TestBatches.traces(1, 1, 2);
    ExportTraceServiceRequest b = TestBatches.traces(2, 1, 3);

    Batch<ExportTraceServiceRequest> merged = Batch.concat(List.of(arrived(a), arrived(b)));

    assertThat(merged.items()).isEqualTo(8);
    assertThat(merged.wire()).isEqualTo(a.toByteString().concat(b.toByteString()));
    assertThat(merged.request()).isEqualTo(Signal.TRACES.merge(List.of(a, b)));
  }

  @Test
  void theConcatenationTakesOverThePartsLeases() {
    Batch<ExportTraceServiceRequest> merged =
        Batch.concat(
            List.of(arrived(TestBatches.traces(1, 1, 2)), arrived(TestBatches.traces(1, 1, 2))));
    assertThat(budget.used()).isPositive().isEqualTo(merged.leasedBytes());

    merged.release();

    assertThat(budget.used()).isZero();
  }

  @Test
  void splitPartsEachHoldTheLeasesUntilTheLastIsReleased() {
    Batch<ExportTraceServiceRequest> batch = arrived(TestBatches.traces(1, 1, 5));

    List<Batch<ExportTraceServiceRequest>> parts = batch.split(2);

    assertThat(parts).extracting(Batch::items).containsExactly(2, 2, 1);
    parts.get(0).release();
    parts.get(1).release();
    assertThat(budget.used()).isPositive();
    parts.get(2).release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void aReplacementSharesTheLeaseAndIsEncodedAnew() {
    Batch<ExportTraceServiceRequest> batch = arrived(TestBatches.traces(1, 1, 3));
    ExportTraceServiceRequest fewer = TestBatches.traces(1, 1, 1);

    Batch<ExportTraceServiceRequest> changed = batch.replacedBy(fewer);
    assertThat(batch.replacedBy(batch.request())).isSameAs(batch);

    assertThat(changed.items()).isEqualTo(1);
    assertThat(changed.wire()).isEqualTo(fewer.toByteString());
    changed.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void bytesThatDoNotParseAreAPermanentError() {
    Batch<ExportTraceServiceRequest> garbage =
        Batch.ofWire(Signal.TRACES, ByteString.copyFrom(new byte[] {10, 50, 1}), 1, Lease.NONE);

    assertThatThrownBy(garbage::request)
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("traces");
  }

  @Test
  void builtDataHasNoLeaseAndCountsItsItems() {
    Batch<ExportTraceServiceRequest> built = Batches.of(TestBatches.traces(2, 2, 2));

    built.retain().release();
    built.release();

    assertThat(built.items()).isEqualTo(8);
    assertThat(built.leasedBytes()).isZero();
    assertThat(built.bytes()).isEqualTo(TestBatches.traces(2, 2, 2).getSerializedSize());
  }
}
