package dev.tailgate.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

  private final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MemoryBudget budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());

  private BatchProcessor<ExportTraceServiceRequest> processor(
      int size, int max, Consumer<ExportTraceServiceRequest> next) {
    return processor(TestSettings.of("batch", meters, Clock.systemUTC()), size, max, next);
  }

  private BatchProcessor<ExportTraceServiceRequest> processor(
      ComponentSettings settings, int size, int max, Consumer<ExportTraceServiceRequest> next) {
    return new BatchProcessor<>(
        settings, new BatchConfig(size, max, Duration.ofHours(1)), Signal.TRACES, next);
  }

  /**
   * As a receiver hands it on: the request's bytes, under a lease of {@code leased} bytes of the
   * budget.
   */
  private Batch<ExportTraceServiceRequest> arrived(ExportTraceServiceRequest request, long leased) {
    return Batches.wire(Signal.TRACES, request, budget.tryReserve(leased));
  }

  private double dropped() {
    return meters.get("tailgate.processor.batch.dropped.spans").counter().count();
  }

  static ExportTraceServiceRequest spans(String service, int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setName(service + "-" + i)
              .setTraceId(ByteString.copyFrom(new byte[16]))
              .setSpanId(ByteString.copyFrom(new byte[8])));
    }
    Resource resource =
        Resource.newBuilder()
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("service.name")
                    .setValue(AnyValue.newBuilder().setStringValue(service)))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  @Test
  void holdsItemsUntilSendBatchSizeIsReached() {
    var batch = processor(10, 0, sink);
    batch.consume(Batches.of(spans("a", 4)));
    batch.consume(Batches.of(spans("b", 4)));
    assertThat(sink.items()).isZero();

    batch.consume(Batches.of(spans("c", 4)));

    assertThat(sink.batches()).hasSize(1);
    assertThat(sink.items()).isEqualTo(12);
    assertThat(sink.batches().get(0).getResourceSpansList())
        .extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("a", "b", "c");
  }

  @Test
  void aTimeoutOfZeroPassesEachBatchOnAtOnceAsInTheCollector() {
    var batch =
        new BatchProcessor<>(
            TestSettings.of("batch", meters, Clock.systemUTC()),
            new BatchConfig(8192, 0, Duration.ZERO),
            Signal.TRACES,
            sink);
    batch.start();
    try {
      batch.consume(Batches.of(spans("a", 4)));

      assertThat(sink.batches()).hasSize(1);
      assertThat(sink.items()).isEqualTo(4);
    } finally {
      batch.shutdown();
    }
  }

  @Test
  void aReconfiguredSendBatchSizeAppliesToWhatAlreadyWaits() {
    var batch = processor(100, 0, sink);
    batch.consume(Batches.of(spans("a", 4)));
    batch.consume(Batches.of(spans("b", 4)));

    assertThat(batch.reconfigure(new BatchConfig(10, 0, Duration.ofHours(1)))).hasSize(1);
    batch.consume(Batches.of(spans("c", 4)));

    assertThat(sink.items()).isEqualTo(12);
    assertThat(batch.reconfigure(new BatchConfig(10, 0, Duration.ofHours(1))))
        .as("unchanged")
        .isEmpty();
  }

  @Test
  void neverJoinsDataOfDifferentTenants() {
    var batch = processor(100, 0, sink);
    batch.consume(Batches.of(spans("a1", 2)).from("team-a"));
    batch.consume(Batches.of(spans("b1", 3)).from("team-b"));
    batch.consume(Batches.of(spans("a2", 1)).from("team-a"));

    batch.onTimeout();

    assertThat(sink.tenants()).containsExactly("team-a", "team-b");
    assertThat(sink.batches().get(0).getResourceSpansList())
        .extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("a1", "a2");
    assertThat(sink.batches().get(1).getResourceSpans(0).getScopeSpans(0).getSpansCount())
        .isEqualTo(3);
  }

  @Test
  void sendsWhatWaitsWhenTheTimerFires() {
    var batch = processor(100, 0, sink);
    batch.consume(Batches.of(spans("a", 3)));

    batch.onTimeout();

    assertThat(sink.items()).isEqualTo(3);
    batch.onTimeout();
    assertThat(sink.batches()).hasSize(1);
  }

  @Test
  void splitsBatchesLargerThanSendBatchMaxSize() {
    var batch = processor(10, 10, sink);

    batch.consume(Batches.of(spans("a", 25)));

    assertThat(sink.batches()).extracting(Signal.TRACES::count).containsExactly(10, 10, 5);
  }

  @Test
  void keepsRefusedDataAndDeliversItOnceTheNextComponentAcceptsAgain() {
    AtomicBoolean refusing = new AtomicBoolean(true);
    Consumer<ExportTraceServiceRequest> flaky =
        b -> {
          if (refusing.get()) {
            throw new RetryableException("queue full");
          }
          sink.consume(b);
        };
    var batch = processor(5, 0, flaky);

    batch.consume(Batches.of(spans("a", 5)));
    batch.consume(Batches.of(spans("b", 5)));
    assertThat(sink.items()).isZero();

    refusing.set(false);
    batch.onTimeout();

    assertThat(sink.items()).isEqualTo(10);
    assertThat(sink.batches()).hasSize(1);
  }

  @Test
  void refusesNewDataOncePendingReachesItsBoundWhileTheNextComponentRefuses() {
    var batch =
        processor(
            5,
            0,
            b -> {
              throw new RetryableException("queue full");
            });
    // The bound is 4 x send_batch_size = 20 items.
    batch.consume(Batches.of(spans("a", 10)));
    batch.consume(Batches.of(spans("b", 10)));

    assertThatThrownBy(() -> batch.consume(Batches.of(spans("c", 1))))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("holds 20 items");
  }

  @Test
  void takesARequestLargerThanTheBoundWhileAFewItemsWaitForTheTimer() {
    var batch = processor(5, 0, sink);
    batch.consume(Batches.of(spans("a", 2)));

    batch.consume(Batches.of(spans("b", 50)));

    assertThat(sink.items()).isEqualTo(52);
  }

  @Test
  void shutdownPassesOnEverythingBuffered() {
    var batch = processor(100, 0, sink);
    batch.start();
    batch.consume(Batches.of(spans("a", 7)));

    batch.shutdown();
    batch.shutdown();

    assertThat(sink.items()).isEqualTo(7);
    assertThatThrownBy(() -> batch.consume(Batches.of(spans("b", 1))))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void passesJoinedBatchesOnAsTheConcatenationOfTheirArrivalBytes() {
    var batch = processor(10, 0, sink);
    var a = arrived(spans("a", 4), 100);
    var b = arrived(spans("b", 4), 100);
    var c = arrived(spans("c", 4), 100);

    batch.consume(a);
    batch.consume(b);
    batch.consume(c);

    assertThat(sink.wires()).singleElement().isEqualTo(a.wire().concat(b.wire()).concat(c.wire()));
    assertThat(sink.batches().get(0).getResourceSpansList())
        .extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("a", "b", "c");
  }

  @Test
  void neverParsesWhatFitsUnderSendBatchMaxSize() {
    List<ByteString> sent = new ArrayList<>();
    var batch =
        processor(
            10,
            20,
            b -> {
              sent.add(b.wire());
              b.release();
            });
    // Bytes that do not parse: a processor that looked inside would fail on them.
    var unparsable = ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x01});

    batch.consume(Batch.ofWire(Signal.TRACES, unparsable, 5, budget.tryReserve(100)));
    batch.consume(Batch.ofWire(Signal.TRACES, unparsable, 5, budget.tryReserve(100)));

    assertThat(sent).singleElement().isEqualTo(unparsable.concat(unparsable));
    assertThat(budget.used()).isZero();
  }

  @Test
  void holdsTheMemoryOfWaitingBatchesAndGivesItBackOnceTheNextComponentReleasedThem() {
    var batch = processor(10, 0, sink);
    batch.consume(arrived(spans("a", 4), 100));
    batch.consume(arrived(spans("b", 4), 200));
    assertThat(budget.used()).isEqualTo(300);

    batch.consume(arrived(spans("c", 4), 300));

    assertThat(sink.items()).isEqualTo(12);
    assertThat(budget.used()).isZero();
  }

  @Test
  void holdsTheMemoryOfASplitBatchUntilEveryPartIsReleased() {
    List<Batch<ExportTraceServiceRequest>> held = new ArrayList<>();
    var batch = processor(10, 10, held::add);

    batch.consume(arrived(spans("a", 25), 500));

    assertThat(held).extracting(Batch::items).containsExactly(10, 10, 5);
    held.get(0).release();
    held.get(1).release();
    assertThat(budget.used()).isEqualTo(500);
    held.get(2).release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void keepsTheMemoryOfARefusedBatchUntilItIsDelivered() {
    AtomicBoolean refusing = new AtomicBoolean(true);
    var batch =
        processor(
            5,
            0,
            b -> {
              if (refusing.get()) {
                throw new RetryableException("queue full");
              }
              sink.consume(b);
            });

    batch.consume(arrived(spans("a", 5), 100));
    assertThat(budget.used()).isEqualTo(100);

    refusing.set(false);
    batch.onTimeout();

    assertThat(sink.items()).isEqualTo(5);
    assertThat(budget.used()).isZero();
  }

  @Test
  void releasesAndCountsABatchTheNextComponentRejectsForGood() {
    var batch =
        processor(
            5,
            0,
            b -> {
              throw new PermanentException("bad data");
            });

    batch.consume(arrived(spans("a", 5), 100));

    assertThat(dropped()).isEqualTo(5);
    assertThat(budget.used()).isZero();
  }

  @Test
  void releasesWhatTheNextComponentStillRefusesAtTheDrainDeadline() {
    var base = TestSettings.of("batch", meters, Clock.systemUTC());
    var settings =
        new ComponentSettings(base.id(), meters, base.clock(), base.host(), Duration.ZERO, budget);
    var batch =
        processor(
            settings,
            100,
            0,
            b -> {
              throw new RetryableException("queue full");
            });
    batch.consume(arrived(spans("a", 3), 100));
    batch.consume(arrived(spans("b", 4), 100));

    batch.shutdown();

    assertThat(dropped()).isEqualTo(7);
    assertThat(budget.used()).isZero();
  }

  @Test
  void releasesAnEmptyBatchAtOnce() {
    var batch = processor(5, 0, sink);

    batch.consume(arrived(ExportTraceServiceRequest.getDefaultInstance(), 100));

    assertThat(budget.used()).isZero();
    batch.onTimeout();
    assertThat(sink.batches()).isEmpty();
  }

  @Test
  void doesNotCountARefusedBatchAsTaken() {
    var batch =
        processor(
            5,
            0,
            b -> {
              throw new RetryableException("queue full");
            });
    batch.consume(arrived(spans("a", 10), 100));
    batch.consume(arrived(spans("b", 10), 100));
    var refused = arrived(spans("c", 1), 100);

    assertThatThrownBy(() -> batch.consume(refused)).isInstanceOf(RetryableException.class);

    // Still the caller's: releasing it gives back its bytes and no more.
    refused.release();
    assertThat(budget.used()).isEqualTo(200);
  }

  @Test
  void shutdownWithoutStartIsSafe() {
    processor(10, 0, sink).shutdown();
    assertThat(sink.items()).isZero();
  }
}
