package dev.tailgate.processor.tailsampling;

import dev.tailgate.processor.tailsampling.policy.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The processor's self-metrics, all tagged {@code processor=<id>}. */
final class TailSamplingMetrics {
  private static final String PREFIX = "tailgate.processor.tail_sampling.";

  private final MeterRegistry meters;
  private final Tags tags;
  private final Counter lateSampled;
  private final Counter lateNotSampled;
  private final Counter earlyForTraces;
  private final Counter earlyForSpans;
  private final Counter earlyForBytes;
  private final Counter tooLarge;
  private final Counter tracesSampled;
  private final Counter tracesNotSampled;
  private final Counter droppedSpans;
  private final Timer decisionLatency;
  private final Map<String, Counter[]> policyCounters = new ConcurrentHashMap<>();

  TailSamplingMetrics(MeterRegistry meters, String processorId) {
    this.meters = meters;
    this.tags = Tags.of("processor", processorId);
    this.lateSampled = meters.counter(PREFIX + "late_spans", tags.and("decision", "sampled"));
    this.lateNotSampled =
        meters.counter(PREFIX + "late_spans", tags.and("decision", "not_sampled"));
    this.earlyForTraces =
        meters.counter(PREFIX + "traces_decided_early", tags.and("reason", "num_traces"));
    this.earlyForSpans =
        meters.counter(PREFIX + "traces_decided_early", tags.and("reason", "max_buffered_spans"));
    this.earlyForBytes =
        meters.counter(PREFIX + "traces_decided_early", tags.and("reason", "max_buffered_bytes"));
    this.tooLarge =
        meters.counter(
            PREFIX + "traces_decided_early", tags.and("reason", "maximum_trace_size_bytes"));
    this.tracesSampled = meters.counter(PREFIX + "traces", tags.and("decision", "sampled"));
    this.tracesNotSampled = meters.counter(PREFIX + "traces", tags.and("decision", "not_sampled"));
    this.droppedSpans = meters.counter(PREFIX + "dropped.spans", tags);
    this.decisionLatency =
        Timer.builder(PREFIX + "decision_latency")
            .description("From a trace's first span to its decision")
            .tags(tags)
            .register(meters);
  }

  /** Gauges read under the processor's lock, through these suppliers. */
  void gauges(
      Supplier<Number> tracesInMemory,
      Supplier<Number> spansInMemory,
      Supplier<Number> bytesInMemory) {
    Gauge.builder(PREFIX + "buffered", bytesInMemory)
        .description("Encoded bytes of the spans waiting for a decision")
        .tags(tags)
        .baseUnit("bytes")
        .strongReference(true)
        .register(meters);
    Gauge.builder(PREFIX + "traces_in_memory", tracesInMemory)
        .description("Traces waiting for a decision")
        .tags(tags)
        .strongReference(true)
        .register(meters);
    Gauge.builder(PREFIX + "spans_in_memory", spansInMemory)
        .description(
            "Spans held: waiting for a decision, or kept and waiting for the next component")
        .tags(tags)
        .strongReference(true)
        .register(meters);
  }

  /** One policy's word on one trace. */
  void policyDecision(String policy, Outcome outcome) {
    policyCounters(policy)[outcome.ordinal()].increment();
  }

  /** A policy that failed on a trace. */
  void policyError(String policy) {
    policyCounters(policy)[Outcome.values().length].increment();
  }

  /**
   * Looked up once per policy: a registry lookup per trace and policy would cost more than most
   * policies.
   */
  private Counter[] policyCounters(String policy) {
    return policyCounters.computeIfAbsent(
        policy,
        name -> {
          Counter[] counters = new Counter[Outcome.values().length + 1];
          for (Outcome outcome : Outcome.values()) {
            counters[outcome.ordinal()] =
                decisionCounter(name, outcome.name().toLowerCase(Locale.ROOT));
          }
          counters[Outcome.values().length] = decisionCounter(name, "error");
          return counters;
        });
  }

  private Counter decisionCounter(String policy, String outcome) {
    return meters.counter(PREFIX + "decisions", tags.and("policy", policy, "outcome", outcome));
  }

  void traceDecided(SamplingVerdict verdict, Duration sinceFirstSpan) {
    (verdict.sampled() ? tracesSampled : tracesNotSampled).increment();
    decisionLatency.record(sinceFirstSpan);
  }

  void lateSpan(SamplingVerdict verdict) {
    (verdict.sampled() ? lateSampled : lateNotSampled).increment();
  }

  void decidedEarlyForTraceLimit() {
    earlyForTraces.increment();
  }

  void decidedEarlyForSpanLimit() {
    earlyForSpans.increment();
  }

  void decidedEarlyForByteLimit() {
    earlyForBytes.increment();
  }

  /** A trace grew past maximum_trace_size_bytes and was dropped undecided. */
  void droppedForTraceSize() {
    tooLarge.increment();
  }

  void dropped(int spans) {
    droppedSpans.increment(spans);
  }
}
