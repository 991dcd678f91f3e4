package dev.tailgate.processor.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.ShutdownDeadline;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PendingDownstreamTest {
  final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);
  final MemoryBudget budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
  final List<Integer> passed = new ArrayList<>();
  final List<Integer> dropped = new ArrayList<>();

  PendingDownstream<ExportTraceServiceRequest> downstream(
      Consumer<ExportTraceServiceRequest> next) {
    return new PendingDownstream<>(
        "test processor", "spans", next, UnaryOperator.identity(), passed::add, dropped::add);
  }

  static ExportTraceServiceRequest spans(String name, int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addSpans(
          Span.newBuilder().setName(name + "-" + i).setTraceId(ByteString.copyFrom(new byte[16])));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }

  Batch<ExportTraceServiceRequest> leased(String name, int count) {
    return Batches.wire(Signal.TRACES, spans(name, count), budget.tryReserve(100));
  }

  /** Refuses the first {@code refusals} batches offered, then passes them to the sink. */
  Consumer<ExportTraceServiceRequest> refusing(int refusals) {
    var left = new AtomicInteger(refusals);
    return batch -> {
      if (left.getAndDecrement() > 0) {
        throw new RetryableException("queue full");
      }
      sink.consume(batch);
    };
  }

  static List<String> names(List<ExportTraceServiceRequest> requests) {
    return requests.stream()
        .map(r -> r.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
        .toList();
  }

  @Test
  void passesWhatWaitsInOrderAndSaysWhatWasTaken() {
    var downstream = downstream(sink);
    downstream.add(Batches.of(spans("a", 2)));
    downstream.add(Batches.of(spans("b", 3)));

    assertThat(downstream.passWaiting()).isTrue();

    assertThat(names(sink.batches())).containsExactly("a-0", "b-0");
    assertThat(passed).containsExactly(2, 3);
    assertThat(downstream.heldItems()).isZero();
  }

  @Test
  void keepsARefusedBatchFirstInLineForTheNextPass() {
    var downstream = downstream(refusing(1));
    downstream.add(Batches.of(spans("a", 2)));
    downstream.add(Batches.of(spans("b", 3)));

    assertThat(downstream.passWaiting()).isFalse();
    assertThat(downstream.refusing()).isTrue();
    assertThat(downstream.waitingItems()).isEqualTo(5);
    downstream.add(Batches.of(spans("c", 1)));

    assertThat(downstream.passWaiting()).isTrue();
    assertThat(names(sink.batches())).containsExactly("a-0", "b-0", "c-0");
    assertThat(downstream.refusing()).isFalse();
  }

  @Test
  void countsTakenBatchesAsHeldUntilTheyArePassed() {
    var downstream = downstream(sink);
    downstream.add(Batches.of(spans("a", 4)));

    var taken = downstream.take();

    assertThat(downstream.waitingItems()).isZero();
    assertThat(downstream.heldItems()).isEqualTo(4);
    downstream.pass(taken);
    assertThat(downstream.heldItems()).isZero();
  }

  @Test
  void refusesNewItemsBeyondTheBoundOnlyWhileTheNextComponentRefuses() {
    var downstream = downstream(refusing(Integer.MAX_VALUE));
    downstream.add(Batches.of(spans("a", 3)));

    downstream.refuseBeyond(4, 50);
    downstream.passWaiting();
    downstream.refuseBeyond(4, 1);

    assertThatThrownBy(() -> downstream.refuseBeyond(4, 2))
        .isInstanceOf(RetryableException.class)
        .hasMessage("test processor holds 3 spans that the next component refuses")
        .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).isPresent());
  }

  @Test
  void releasesAndCountsABatchRejectedForGoodAndPassesTheRest() {
    var rejects = new AtomicInteger(1);
    var downstream =
        downstream(
            batch -> {
              if (rejects.getAndDecrement() > 0) {
                throw new PermanentException("bad");
              }
              sink.consume(batch);
            });
    downstream.add(leased("a", 2));
    downstream.add(Batches.of(spans("b", 1)));

    assertThat(downstream.passWaiting()).isTrue();

    assertThat(dropped).containsExactly(2);
    assertThat(budget.used()).isZero();
    assertThat(names(sink.batches())).containsExactly("b-0");
  }

  @Test
  void dropsABatchTheNextComponentFailsOnUnexpectedly() {
    var downstream =
        downstream(
            batch -> {
              throw new IllegalStateException("bug");
            });
    downstream.add(leased("a", 2));

    assertThat(downstream.passWaiting()).isTrue();

    assertThat(dropped).containsExactly(2);
    assertThat(budget.used()).isZero();
  }

  @Test
  void shapesWhatWasTakenBeforePassingIt() {
    UnaryOperator<List<Batch<ExportTraceServiceRequest>>> joined =
        taken -> List.of(Batch.concat(taken));
    var downstream =
        new PendingDownstream<>("test processor", "spans", sink, joined, passed::add, dropped::add);
    downstream.add(Batches.of(spans("a", 2)));
    downstream.add(Batches.of(spans("b", 3)));

    downstream.passWaiting();

    assertThat(passed).containsExactly(5);
    assertThat(sink.batches()).hasSize(1);
  }

  @Test
  void drainRetriesRefusalsUntilTheNextComponentTakesEverything() {
    var downstream = downstream(refusing(2));
    downstream.add(Batches.of(spans("a", 1)));

    downstream.drain(new ShutdownDeadline(Duration.ofSeconds(10)));

    assertThat(sink.items()).isEqualTo(1);
    assertThat(dropped).isEmpty();
  }

  @Test
  void drainReleasesAndCountsWhatIsStillRefusedAtTheDeadline() {
    var downstream = downstream(refusing(Integer.MAX_VALUE));
    downstream.add(leased("a", 3));
    downstream.add(leased("b", 4));

    downstream.drain(new ShutdownDeadline(Duration.ZERO));

    assertThat(dropped).containsExactly(3, 4);
    assertThat(budget.used()).isZero();
    assertThat(downstream.heldItems()).isZero();
  }
}
