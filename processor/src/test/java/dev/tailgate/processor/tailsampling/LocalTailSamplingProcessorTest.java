package dev.tailgate.processor.tailsampling;

import static dev.tailgate.processor.tailsampling.TestTraces.allSpans;
import static dev.tailgate.processor.tailsampling.TestTraces.attribute;
import static dev.tailgate.processor.tailsampling.TestTraces.request;
import static dev.tailgate.processor.tailsampling.TestTraces.span;
import static dev.tailgate.processor.tailsampling.TestTraces.spanNames;
import static dev.tailgate.processor.tailsampling.TestTraces.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import dev.tailgate.processor.tailsampling.policy.Decision;
import dev.tailgate.processor.tailsampling.policy.Policy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalTailSamplingProcessorTest {
  static final Duration WAIT = Duration.ofSeconds(10);

  final ManualClock clock = new ManualClock();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

  static TailSamplingConfig config(int numTraces, int maxSpans, DecisionCacheConfig cache) {
    return new TailSamplingConfig(WAIT, numTraces, null, cache, List.of(), maxSpans, null, null);
  }

  static TailSamplingConfig config() {
    return config(1000, 10_000, null);
  }

  TailSamplingProcessor processor(
      TailSamplingConfig config, Consumer<ExportTraceServiceRequest> next, Policy... policies) {
    return new LocalTailSamplingProcessor(
        TestSettings.of("tail_sampling/test", meters, clock),
        config,
        next,
        configs -> List.of(policies));
  }

  TailSamplingProcessor processor(Policy... policies) {
    return processor(config(), sink, policies);
  }

  double counter(String name, String... tags) {
    var counter = meters.find("tailgate.processor.tail_sampling." + name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  double gauge(String name) {
    return meters
        .get("tailgate.processor.tail_sampling." + name)
        .tag("processor", "tail_sampling/test")
        .gauge()
        .value();
  }

  @Test
  void passesASampledTraceOnCompleteOnceDecisionWaitIsOver() {
    var processor = processor(TestPolicy.spanNamed("errors", "1/2"));
    processor.consume(Batches.of(request("frontend", List.of(span(1, 0), span(2, 0)))));
    clock.advance(Duration.ofSeconds(3));
    processor.consume(Batches.of(request("backend", List.of(span(1, 1), span(1, 2), span(2, 1)))));

    clock.advance(WAIT.minusSeconds(3).minusMillis(1));
    processor.decideDue();
    assertThat(sink.items()).isZero();

    clock.advance(Duration.ofMillis(1));
    processor.decideDue();

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1", "1/2");
    var request = sink.batches().get(0);
    assertThat(request.getResourceSpansList())
        .extracting(
            rs ->
                rs.getResource().getAttributes(0).getValue().getStringValue()
                    + " "
                    + rs.getSchemaUrl())
        .containsExactly("frontend https://schema/frontend", "backend https://schema/backend");
    assertThat(request.getResourceSpans(0).getScopeSpans(0).getScope().getName()).isEqualTo("s");
    assertThat(request.getResourceSpans(0).getScopeSpans(0).getSchemaUrl())
        .isEqualTo("https://schema/s");
    assertThat(gauge("traces_in_memory")).isZero();
    assertThat(gauge("spans_in_memory")).isZero();
  }

  @Test
  void dropsATraceThatNoPolicyKeeps() {
    var processor = processor(TestPolicy.never("nothing"));
    processor.consume(Batches.of(request(spans(1, 3))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(sink.batches()).isEmpty();
    assertThat(counter("traces", "decision", "not_sampled")).isEqualTo(1);
    assertThat(counter("decisions", "policy", "nothing", "outcome", "not_sample")).isEqualTo(1);
  }

  @Test
  void decidesOnlyTracesWhoseFirstSpanArrivedDecisionWaitAgo() {
    var processor = processor(TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));
    clock.advance(Duration.ofSeconds(5));
    processor.consume(Batches.of(request(spans(2, 1))));

    clock.advance(Duration.ofSeconds(5));
    processor.decideDue();

    assertThat(spanNames(sink.batches())).containsExactly("1/0");
    assertThat(gauge("traces_in_memory")).isEqualTo(1);
    assertThat(gauge("spans_in_memory")).isEqualTo(1);
  }

  @Test
  void groupsSpansOfManyTracesUnderEqualResourcesInOneRequest() {
    var processor = processor(TestPolicy.always("all"));
    processor.consume(Batches.of(request("svc", spans(1, 2))));
    processor.consume(Batches.of(request("svc", spans(2, 2))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(sink.batches()).hasSize(1);
    assertThat(sink.batches().get(0).getResourceSpansCount()).isEqualTo(1);
    assertThat(sink.batches().get(0).getResourceSpans(0).getScopeSpans(0).getSpansCount())
        .isEqualTo(4);
  }

  @Test
  void marksKeptSpansWithTheWinningPolicyAndTheThresholdOfItsProbability() {
    var processor =
        processor(
            new TestPolicy("half", trace -> Decision.sampledWithProbability(0.5)),
            new TestPolicy("tenth", trace -> Decision.sampledWithProbability(0.1)));
    processor.consume(
        Batches.of(
            request(
                List.of(span(1, 0), span(1, 1).toBuilder().setTraceState("vendor=a").build()))));

    clock.advance(WAIT);
    processor.decideDue();

    List<Span> kept = allSpans(sink.batches());
    assertThat(kept)
        .extracting(s -> attribute(s, "tailsampling.policy"))
        .containsExactly("half", "half");
    assertThat(kept).extracting(Span::getTraceState).containsExactly("ot=th:8", "ot=th:8,vendor=a");
  }

  @Test
  void marksSpansWithAttributesAndReplacesAPolicyAttributeSetUpstream() {
    var processor =
        processor(new TestPolicy("tenth", trace -> Decision.sampledWithProbability(0.1)));
    var withAttributes =
        span(1, 0).toBuilder()
            .addAttributes(kv("http.route", "/orders"))
            .addAttributes(kv("tailsampling.policy", "upstream"))
            .build();
    var withOthers =
        span(1, 1).toBuilder()
            .addAttributes(kv("http.route", "/cart"))
            .setTraceState("th=old,vendor=a")
            .build();
    processor.consume(Batches.of(request(List.of(withAttributes, withOthers))));

    clock.advance(WAIT);
    processor.decideDue();

    List<Span> kept = allSpans(sink.batches());
    assertThat(kept.get(0).getAttributesList())
        .extracting(a -> a.getKey() + "=" + a.getValue().getStringValue())
        .containsExactly("http.route=/orders", "tailsampling.policy=tenth");
    assertThat(kept.get(1).getAttributesList())
        .extracting(a -> a.getKey() + "=" + a.getValue().getStringValue())
        .containsExactly("http.route=/cart", "tailsampling.policy=tenth");
    assertThat(kept.get(1).getTraceState()).startsWith("ot=th:").endsWith("th=old,vendor=a");
    assertThat(kept).extracting(Span::getName).containsExactly("1/0", "1/1");
  }

  private static io.opentelemetry.proto.common.v1.KeyValue kv(String key, String value) {
    return io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
        .setKey(key)
        .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  @Test
  void aDryRunKeepsEveryTraceAndMarksTheDecisionItWouldHaveGot() {
    var config =
        new TailSamplingConfig(
            WAIT, null, null, null, List.of(), null, null, null, null, null, true);
    var processor =
        processor(
            config,
            sink,
            new TestPolicy(
                "half",
                trace ->
                    trace.traceId().equals(TestTraces.traceId(1))
                        ? Decision.sampledWithProbability(0.5)
                        : Decision.NOT_SAMPLE));
    processor.consume(
        Batches.of(
            request(
                List.of(span(1, 0), span(2, 0).toBuilder().setTraceState("vendor=a").build()))));

    clock.advance(WAIT);
    processor.decideDue();

    List<Span> kept = allSpans(sink.batches());
    assertThat(kept).extracting(Span::getName).containsExactlyInAnyOrder("1/0", "2/0");
    Span sampled = kept.stream().filter(s -> s.getName().equals("1/0")).findFirst().orElseThrow();
    Span notSampled =
        kept.stream().filter(s -> s.getName().equals("2/0")).findFirst().orElseThrow();
    assertThat(attribute(sampled, "tailsampling.decision")).isEqualTo("sampled");
    assertThat(attribute(sampled, "tailsampling.policy")).isEqualTo("half");
    assertThat(attribute(notSampled, "tailsampling.decision")).isEqualTo("not_sampled");
    assertThat(attribute(notSampled, "tailsampling.policy")).isNull();
    assertThat(sampled.getTraceState()).as("nothing was sampled with a probability").isEmpty();
    assertThat(notSampled.getTraceState()).isEqualTo("vendor=a");
    assertThat(counter("traces", "decision", "not_sampled")).isEqualTo(1);
  }

  @Test
  void leavesSpansUnchangedWhenMarkingIsTurnedOff() {
    var config = new TailSamplingConfig(WAIT, null, null, null, List.of(), null, false, false);
    var processor = processor(config, sink, TestPolicy.always("all"));
    List<Span> sent = spans(1, 2);
    processor.consume(Batches.of(request(sent)));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(allSpans(sink.batches())).isEqualTo(sent);
  }

  @Test
  void aDropDecisionWinsOverPoliciesThatSample() {
    var processor =
        processor(
            TestPolicy.always("all"), new TestPolicy("health checks", trace -> Decision.DROP));
    processor.consume(Batches.of(request(spans(1, 1))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(sink.batches()).isEmpty();
    assertThat(counter("decisions", "policy", "health checks", "outcome", "drop")).isEqualTo(1);
    assertThat(counter("decisions", "policy", "all", "outcome", "sample")).isEqualTo(1);
  }

  @Test
  void aFailingPolicyCountsAsNotSamplingAndTheOthersStillDecide() {
    var processor =
        processor(
            new TestPolicy(
                "broken",
                trace -> {
                  throw new IllegalStateException("bug");
                }),
            TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(attribute(allSpans(sink.batches()).get(0), "tailsampling.policy")).isEqualTo("all");
    assertThat(counter("decisions", "policy", "broken", "outcome", "error")).isEqualTo(1);
  }

  @Test
  void lateSpansOfASampledTraceFollowTheCachedDecisionAtOnce() {
    var processor =
        processor(
            config(1000, 10_000, new DecisionCacheConfig(100, 100)),
            sink,
            TestPolicy.spanNamed("first", "1/0"));
    processor.consume(Batches.of(request(spans(1, 1))));
    clock.advance(WAIT);
    processor.decideDue();

    processor.consume(Batches.of(request(List.of(span(1, 1)))));

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    assertThat(attribute(allSpans(sink.batches()).get(1), "tailsampling.policy"))
        .isEqualTo("first");
    assertThat(counter("late_spans", "decision", "sampled")).isEqualTo(1);
    assertThat(gauge("traces_in_memory")).isZero();
  }

  @Test
  void lateSpansOfAnUnsampledTraceAreDroppedWithACache() {
    var processor =
        processor(
            config(1000, 10_000, new DecisionCacheConfig(100, 100)),
            sink,
            TestPolicy.spanNamed("first", "1/0"));
    processor.consume(Batches.of(request(spans(2, 1))));
    clock.advance(WAIT);
    processor.decideDue();

    processor.consume(Batches.of(request(List.of(span(2, 1)))));
    clock.advance(WAIT);
    processor.decideDue();

    assertThat(sink.batches()).isEmpty();
    assertThat(counter("late_spans", "decision", "not_sampled")).isEqualTo(1);
    assertThat(gauge("traces_in_memory")).isZero();
  }

  @Test
  void withTheCacheTurnedOffALateSpanStartsANewTrace() {
    var processor =
        processor(
            config(1000, 10_000, DecisionCacheConfig.OFF),
            sink,
            TestPolicy.spanNamed("root", "1/0"));
    processor.consume(Batches.of(request(spans(1, 1))));
    clock.advance(WAIT);
    processor.decideDue();

    processor.consume(Batches.of(request(List.of(span(1, 1)))));
    assertThat(gauge("traces_in_memory")).isEqualTo(1);
    clock.advance(WAIT);
    processor.decideDue();

    // Decided alone, the late span no longer shows what kept its trace.
    assertThat(spanNames(sink.batches())).containsExactly("1/0");
    assertThat(counter("late_spans", "decision", "sampled")).isZero();
  }

  @Test
  void atNumTracesTheOldestTraceIsDecidedEarly() {
    var processor = processor(config(2, 10_000, null), sink, TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 2))));
    processor.consume(Batches.of(request(spans(2, 2))));
    assertThat(sink.batches()).isEmpty();

    processor.consume(Batches.of(request(spans(3, 1))));

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    assertThat(counter("traces_decided_early", "reason", "num_traces")).isEqualTo(1);
    assertThat(gauge("traces_in_memory")).isEqualTo(2);
  }

  @Test
  void atMaxBufferedSpansTheOldestTracesAreDecidedEarly() {
    var processor = processor(config(1000, 5, null), sink, TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 2))));
    processor.consume(Batches.of(request(spans(2, 2))));

    processor.consume(Batches.of(request(spans(3, 3))));

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    assertThat(counter("traces_decided_early", "reason", "max_buffered_spans")).isEqualTo(1);
    assertThat(gauge("spans_in_memory")).isEqualTo(5);

    processor.consume(Batches.of(request(spans(4, 5))));

    assertThat(spanNames(sink.batches()))
        .containsExactly("1/0", "1/1", "2/0", "2/1", "3/0", "3/1", "3/2");
    assertThat(gauge("spans_in_memory")).isEqualTo(5);
  }

  @Test
  void refusesForGoodARequestLargerThanMaxBufferedSpans() {
    var processor = processor(config(1000, 5, null), sink, TestPolicy.always("all"));

    assertThatThrownBy(() -> processor.consume(Batches.of(request(spans(1, 6)))))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("max_buffered_spans (5)");
  }

  @Test
  void keepsSampledSpansTheNextComponentRefusesAndPassesThemOnTheNextTick() {
    var refusals = new AtomicInteger(1);
    Consumer<ExportTraceServiceRequest> flaky =
        batch -> {
          if (refusals.getAndDecrement() > 0) {
            throw new RetryableException("queue full");
          }
          sink.consume(batch);
        };
    var processor = processor(config(), flaky, TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 3))));
    clock.advance(WAIT);

    processor.decideDue();
    assertThat(sink.items()).isZero();
    assertThat(gauge("spans_in_memory")).isEqualTo(3);

    processor.decideDue();
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1", "1/2");
    assertThat(gauge("spans_in_memory")).isZero();
  }

  @Test
  void refusesNewDataOnlyWhenRefusedSampledSpansLeaveNoRoom() {
    Consumer<ExportTraceServiceRequest> refusing =
        batch -> {
          throw new RetryableException("down");
        };
    var processor = processor(config(1000, 4, null), refusing, TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 3))));
    clock.advance(WAIT);
    processor.decideDue();
    processor.consume(Batches.of(request(spans(2, 1))));

    assertThatThrownBy(() -> processor.consume(Batches.of(request(spans(3, 2)))))
        .isInstanceOf(RetryableException.class)
        .satisfies(e -> assertThat(((RetryableException) e).retryAfter()).isPresent());
    assertThat(gauge("spans_in_memory")).isLessThanOrEqualTo(4);
  }

  @Test
  void dropsAndCountsSampledSpansTheNextComponentRejectsForGood() {
    var processor =
        processor(
            config(),
            batch -> {
              throw new PermanentException("bad");
            },
            TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 2))));
    clock.advance(WAIT);

    processor.decideDue();

    assertThat(counter("dropped.spans")).isEqualTo(2);
    assertThat(gauge("spans_in_memory")).isZero();
  }

  @Test
  void shutdownDecidesEveryWaitingTraceAndPassesKeptOnesOn() {
    var processor = processor(TestPolicy.spanNamed("keep", "1/0"));
    processor.start();
    processor.consume(Batches.of(request(spans(1, 2))));
    processor.consume(Batches.of(request(spans(2, 2))));

    processor.shutdown();
    processor.shutdown();

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1");
    assertThatThrownBy(() -> processor.consume(Batches.of(request(spans(3, 1)))))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void holdsAnIncomingBatchUnderItsLeaseUntilItsLastBufferedSpanIsDecided() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    // One trace in memory at most: reading trace 2 decides trace 1, of the same batch, early.
    var processor = processor(config(1, 10_000, null), sink, TestPolicy.always("all"));

    processor.consume(
        Batches.wire(
            Signal.TRACES,
            request(List.of(span(1, 0), span(2, 0), span(2, 1))),
            budget.tryReserve(100)));

    assertThat(spanNames(sink.batches())).containsExactly("1/0");
    assertThat(budget.used()).as("trace 2 still waits in the batch's bytes").isEqualTo(100);
    clock.advance(WAIT);
    processor.decideDue();
    assertThat(spanNames(sink.batches())).containsExactly("1/0", "2/0", "2/1");
    assertThat(budget.used()).isZero();
  }

  @Test
  void keepsTheArrivalsLeaseUntilItsKeptSpansWereTakenDownstream() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    AtomicInteger released = new AtomicInteger();
    List<dev.tailgate.pipeline.Batch<ExportTraceServiceRequest>> taken = new ArrayList<>();
    AtomicInteger refusals = new AtomicInteger(1);
    Consumer<ExportTraceServiceRequest> next =
        batch -> {
          if (refusals.getAndDecrement() > 0) {
            throw new RetryableException("backend down");
          }
          taken.add(batch);
        };
    var processor = processor(config(), next, TestPolicy.spanNamed("keep", "1/0"));
    processor.consume(
        Batches.wire(
            Signal.TRACES,
            request(List.of(span(1, 0), span(2, 0))),
            budget.tryReserve(100, released::incrementAndGet)));

    clock.advance(WAIT);
    processor.decideDue();
    assertThat(released).as("trace 1 is kept but was refused downstream").hasValue(0);
    assertThat(budget.used()).isEqualTo(100);

    processor.decideDue();
    assertThat(taken).hasSize(1);
    assertThat(released).as("the next component holds the kept spans").hasValue(0);

    taken.get(0).release();
    assertThat(released).hasValue(1);
    assertThat(budget.used()).isZero();
  }

  @Test
  void releasesTheArrivalAtTheDecisionWhenNothingOfItIsKept() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    AtomicInteger released = new AtomicInteger();
    var processor = processor(config(), sink, TestPolicy.spanNamed("keep", "9/0"));
    processor.consume(
        Batches.wire(
            Signal.TRACES,
            request(List.of(span(1, 0), span(2, 0))),
            budget.tryReserve(100, released::incrementAndGet)));

    clock.advance(WAIT);
    processor.decideDue();

    assertThat(sink.items()).isZero();
    assertThat(released).hasValue(1);
  }

  @Test
  void releasesABatchAtOnceWhenNoneOfItsSpansWaits() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    var cache = new DecisionCacheConfig(10, 10);
    var processor = processor(config(1000, 10_000, cache), sink, TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));
    clock.advance(WAIT);
    processor.decideDue();

    processor.consume(
        Batches.wire(Signal.TRACES, request(List.of(span(1, 5))), budget.tryReserve(100)));

    assertThat(budget.used()).isZero();
    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/5");
  }

  @Test
  void decidesTheOldestTracesEarlyToStayUnderMaxBufferedBytes() {
    int traceBytes =
        request(spans(1, 3)).getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
            .mapToInt(Span::getSerializedSize)
            .sum();
    var config =
        new TailSamplingConfig(
            WAIT,
            1000,
            null,
            null,
            List.of(),
            10_000,
            ByteSize.ofBytes(traceBytes + traceBytes / 2),
            null,
            null,
            null);
    var processor = processor(config, sink, TestPolicy.always("all"));

    processor.consume(Batches.of(request(spans(1, 3))));
    processor.consume(Batches.of(request(spans(2, 3))));

    assertThat(spanNames(sink.batches())).containsExactly("1/0", "1/1", "1/2");
    assertThat(counter("traces_decided_early", "reason", "max_buffered_bytes")).isEqualTo(1);
    assertThat(gauge("buffered")).isEqualTo(traceBytes);
  }

  @Test
  void leavesARefusedBatchToTheCaller() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    var processor = processor(config(1000, 5, null), sink, TestPolicy.always("all"));
    var tooLarge = Batches.wire(Signal.TRACES, request(spans(1, 6)), budget.tryReserve(100));

    assertThatThrownBy(() -> processor.consume(tooLarge)).isInstanceOf(PermanentException.class);

    assertThat(budget.used()).isEqualTo(100);
    tooLarge.release();
    assertThat(budget.used()).isZero();
  }

  @Test
  void shutdownWithoutStartIsSafe() {
    var processor = processor(TestPolicy.always("all"));

    processor.shutdown();

    assertThat(sink.batches()).isEmpty();
  }

  @Test
  void shutdownRetriesRefusalsUntilTheNextComponentTakesTheSpans() throws Exception {
    var refusals = new AtomicInteger(2);
    Consumer<ExportTraceServiceRequest> flaky =
        batch -> {
          if (refusals.getAndDecrement() > 0) {
            throw new RetryableException("busy");
          }
          sink.consume(batch);
        };
    var processor = processor(config(), flaky, TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));

    processor.shutdown();

    assertThat(sink.awaitItems(1, 1, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aReloadDecidesWaitingTracesByTheNewPolicies() {
    List<List<Policy>> generations =
        new ArrayList<>(
            List.of(List.of(TestPolicy.never("old")), List.of(TestPolicy.always("new"))));
    var processor =
        new LocalTailSamplingProcessor(
            TestSettings.of("tail_sampling/test", meters, clock),
            config(),
            sink,
            configs -> generations.remove(0));
    processor.consume(Batches.of(request(spans(1, 1))));
    assertThat(processor.policyNames()).containsExactly("old");

    processor.reconfigure(config());
    clock.advance(WAIT);
    processor.decideDue();

    assertThat(processor.policyNames()).containsExactly("new");
    assertThat(attribute(allSpans(sink.batches()).get(0), "tailsampling.policy")).isEqualTo("new");
  }

  @Test
  void recordsTheDecisionLatencyFromTheFirstSpan() {
    var processor = processor(TestPolicy.always("all"));
    processor.consume(Batches.of(request(spans(1, 1))));
    clock.advance(WAIT.plusSeconds(2));

    processor.decideDue();

    var timer = meters.get("tailgate.processor.tail_sampling.decision_latency").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(12.0);
  }
}
