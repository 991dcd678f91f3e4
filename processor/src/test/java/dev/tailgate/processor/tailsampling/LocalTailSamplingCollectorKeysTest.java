package dev.tailgate.processor.tailsampling;

import static dev.tailgate.processor.tailsampling.TestTraces.request;
import static dev.tailgate.processor.tailsampling.TestTraces.span;
import static dev.tailgate.processor.tailsampling.TestTraces.spanNames;
import static dev.tailgate.processor.tailsampling.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import dev.tailgate.processor.tailsampling.policy.Decision;
import dev.tailgate.processor.tailsampling.policy.Policy;
import dev.tailgate.processor.tailsampling.policy.TraceView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Collector's later top-level keys: decision_wait_after_root_received, sample_on_first_match,
 * maximum_trace_size_bytes, drop_pending_traces_on_shutdown and block_on_overflow.
 */
class LocalTailSamplingCollectorKeysTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  final ManualClock clock = new ManualClock();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

  /** The keys under test; everything else as the Collector's defaults, caches on. */
  record Keys(
      int numTraces,
      boolean sampleOnFirstMatch,
      boolean dropPendingOnShutdown,
      long maximumTraceSizeBytes,
      boolean blockOnOverflow,
      Duration rootWait) {
    static Keys defaults() {
      return new Keys(1000, false, false, 0, false, Duration.ZERO);
    }

    TailSamplingConfig config() {
      return new TailSamplingConfig(
          WAIT,
          numTraces,
          null,
          null,
          List.of(),
          10_000,
          null,
          null,
          null,
          null,
          null,
          sampleOnFirstMatch,
          dropPendingOnShutdown,
          maximumTraceSizeBytes,
          blockOnOverflow,
          rootWait,
          null,
          null,
          null);
    }
  }

  TailSamplingProcessor processor(Keys keys, Policy... policies) {
    return new LocalTailSamplingProcessor(
        TestSettings.of("tail_sampling/test", meters, clock),
        keys.config(),
        sink,
        configs -> List.of(policies));
  }

  double counter(String name, String... tags) {
    var counter = meters.find("tailgate.processor.tail_sampling." + name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** A span of {@code trace} with a parent: not a root. */
  static Span child(int trace, int span) {
    return span(trace, span).toBuilder()
        .setParentSpanId(ByteString.copyFrom(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}))
        .build();
  }

  @Test
  void decidesATraceDecisionWaitAfterRootReceivedAfterItsRootSpanArrived() {
    var processor =
        processor(
            new Keys(1000, false, false, 0, false, Duration.ofSeconds(2)),
            TestPolicy.always("all"));
    processor.consume(Batches.of(request(List.of(child(1, 1), child(2, 1)))));
    clock.advance(Duration.ofSeconds(3));
    processor.consume(Batches.of(request(List.of(span(1, 0)))));

    clock.advance(Duration.ofMillis(1999));
    processor.decideDue();
    assertThat(sink.batches()).isEmpty();

    clock.advance(Duration.ofMillis(1));
    processor.decideDue();
    assertThat(spanNames(sink.batches()))
        .as("trace 1 two seconds after its root; trace 2 has no root and waits decision_wait")
        .containsExactly("1/1", "1/0");

    clock.advance(WAIT);
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/1", "1/0", "2/1");
  }

  @Test
  void aTraceDecidedBeforeItsRootDeadlineLeavesNothingDueThen() {
    var processor =
        processor(
            new Keys(1, false, false, 0, false, Duration.ofSeconds(2)), TestPolicy.always("all"));
    processor.consume(Batches.of(request(List.of(span(1, 0)))));
    clock.advance(Duration.ofSeconds(1));
    processor.consume(Batches.of(request(List.of(child(2, 1)))));
    assertThat(spanNames(sink.batches())).as("decided early at num_traces").containsExactly("1/0");

    clock.advance(Duration.ofSeconds(1));
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/0");

    clock.advance(WAIT);
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/0", "2/1");
  }

  @Test
  void aRootSpanWaitsDecisionWaitLikeAnyOtherWithoutTheKey() {
    var processor = processor(Keys.defaults(), TestPolicy.always("all"));
    processor.consume(Batches.of(request(List.of(span(1, 0), child(1, 1)))));

    clock.advance(WAIT.minusMillis(1));
    processor.decideDue();
    assertThat(sink.batches()).isEmpty();

    clock.advance(Duration.ofMillis(1));
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
  }

  @Test
  void sampleOnFirstMatchStopsAtTheFirstPolicyThatKeepsTheTrace() {
    AtomicInteger laterAsked = new AtomicInteger();
    var processor =
        processor(
            new Keys(1000, true, false, 0, false, Duration.ZERO),
            TestPolicy.never("first"),
            TestPolicy.always("second"),
            new TestPolicy(
                "third",
                trace -> {
                  laterAsked.incrementAndGet();
                  return Decision.sampledWithProbability(1.0);
                }));
    processor.consume(Batches.of(request(spans(1, 2))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    assertThat(
            TestTraces.attribute(TestTraces.allSpans(sink.batches()).get(0), "tailsampling.policy"))
        .isEqualTo("second");
    assertThat(laterAsked).hasValue(0);
    assertThat(counter("decisions", "policy", "third", "outcome", "sample")).isZero();
  }

  @Test
  void everyPolicyIsAskedWithoutSampleOnFirstMatch() {
    AtomicInteger laterAsked = new AtomicInteger();
    var processor =
        processor(
            Keys.defaults(),
            TestPolicy.always("first"),
            new TestPolicy(
                "second",
                trace -> {
                  laterAsked.incrementAndGet();
                  return Decision.NOT_SAMPLE;
                }));
    processor.consume(Batches.of(request(spans(1, 1))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(spanNames(sink.batches())).containsExactly("1/0");
    assertThat(laterAsked).hasValue(1);
  }

  @Test
  void sampleOnFirstMatchStillLetsADropPolicyListedLaterVeto() {
    var processor =
        processor(
            new Keys(1000, true, false, 0, false, Duration.ZERO),
            TestPolicy.always("keep"),
            new VetoPolicy("health-checks", "1/0"));
    processor.consume(Batches.of(request(spans(1, 1))));
    processor.consume(Batches.of(request(spans(2, 1))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(spanNames(sink.batches())).containsExactly("2/0");
  }

  @Test
  void dropsATraceThatGrowsPastMaximumTraceSizeBytesAtOnceAndItsLaterSpansToo() {
    int spanBytes = span(1, 0).getSerializedSize();
    var processor =
        processor(
            new Keys(1000, false, false, 2L * spanBytes, false, Duration.ZERO),
            TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 2))));
    processor.consume(Batches.of(request(spans(2, 1))));
    assertThat(counter("traces_decided_early", "reason", "maximum_trace_size_bytes")).isZero();

    processor.consume(Batches.of(request(List.of(span(1, 2), span(2, 1)))));
    assertThat(counter("traces_decided_early", "reason", "maximum_trace_size_bytes")).isEqualTo(1);
    assertThat(counter("traces", "decision", "not_sampled")).isEqualTo(1);
    processor.consume(Batches.of(request(List.of(span(1, 3)))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(spanNames(sink.batches()))
        .as("trace 1 dropped, its late span with it; trace 2 is at the limit, not past it")
        .containsExactly("2/0", "2/1");
    assertThat(counter("late_spans", "decision", "not_sampled")).isEqualTo(1);
  }

  @Test
  void dropsPendingTracesUndecidedAtShutdownWithDropPendingTracesOnShutdown() {
    var processor =
        processor(new Keys(1000, false, true, 0, false, Duration.ZERO), TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 2))));
    clock.advance(WAIT);
    processor.decideDue();
    processor.consume(Batches.of(request(spans(2, 2))));

    processor.shutdown();

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    assertThat(counter("decisions", "policy", "all", "outcome", "sample"))
        .as("trace 2 was never decided")
        .isEqualTo(1);
  }

  @Test
  void blockOnOverflowWaitsForRoomInsteadOfDecidingTheOldestTraceEarly() throws Exception {
    var processor =
        processor(new Keys(1, false, false, 0, true, Duration.ZERO), TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));
    processor.consume(Batches.of(request(List.of(span(1, 1)))));

    CompletableFuture<Void> second =
        CompletableFuture.runAsync(() -> processor.consume(Batches.of(request(spans(2, 1)))));
    Thread.sleep(200);
    assertThat(second).isNotDone();
    assertThat(sink.batches()).isEmpty();
    assertThat(counter("traces_decided_early", "reason", "num_traces")).isZero();

    clock.advance(WAIT);
    processor.decideDue();
    second.get(5, TimeUnit.SECONDS);

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    clock.advance(WAIT);
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1", "2/0");
    assertThat(counter("traces_decided_early", "reason", "num_traces")).isZero();
  }

  @Test
  void blockOnOverflowRefusesTheWaitingRequestWhenShutdownBegins() throws Exception {
    var processor =
        processor(new Keys(1, false, false, 0, true, Duration.ZERO), TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(() -> processor.consume(Batches.of(request(spans(2, 1)))));
    Thread.sleep(100);
    assertThat(waiting).isNotDone();

    processor.shutdown();

    assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RetryableException.class);
    assertThat(spanNames(sink.batches())).containsExactly("1/0");
  }

  @Test
  void withoutBlockOnOverflowTheOldestTraceIsDecidedEarlyAtNumTraces() {
    var processor =
        processor(new Keys(1, false, false, 0, false, Duration.ZERO), TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));

    processor.consume(Batches.of(request(spans(2, 1))));

    assertThat(spanNames(sink.batches())).containsExactly("1/0");
    assertThat(counter("traces_decided_early", "reason", "num_traces")).isEqualTo(1);
  }

  /** A drop policy: vetoes traces with a span of the given name. */
  private record VetoPolicy(String name, String spanName) implements Policy {
    @Override
    public boolean vetoes() {
      return true;
    }

    @Override
    public Decision evaluate(TraceView trace) {
      return trace.spans().stream().anyMatch(s -> s.span().getName().equals(spanName))
          ? Decision.DROP
          : Decision.NOT_SAMPLE;
    }
  }
}
