package dev.tailgate.processor.tailsampling;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.processor.tailsampling.peers.PeersConfig;
import dev.tailgate.processor.tailsampling.policy.PolicyConfig;
import dev.tailgate.processor.tailsampling.policy.PolicyConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code tail_sampling}: holds the spans of each trace for {@code decision_wait} after its first
 * span, then lets the {@code policies} decide whether the whole trace is kept. The keys are the
 * Collector's; {@code max_buffered_spans}, {@code max_buffered_bytes}, {@code tracestate_threshold}
 * and {@code policy_attribute} are Tailgate's, and so is {@code peers}: without it (null) this
 * replica decides every trace it sees alone; with it, the replicas named there share the traces
 * out. {@code dry_run} (Refinery has it) keeps every trace and marks each span with the decision it
 * would have got, so a policy can be tried before it is enforced. Of the Collector's later keys,
 * {@code sampling_strategy: span-ingest}, {@code num_shards} and {@code tail_storage} are accepted
 * but cannot act here; {@link #validate} warns when they are set.
 */
public record TailSamplingConfig(
    @JsonProperty("decision_wait") Duration decisionWait,
    @JsonProperty("num_traces") Integer numTraces,
    @JsonProperty("expected_new_traces_per_sec") Integer expectedNewTracesPerSec,
    @JsonProperty("decision_cache") DecisionCacheConfig decisionCache,
    @JsonProperty("policies") List<PolicyConfig> policies,
    @JsonProperty("max_buffered_spans") Integer maxBufferedSpans,
    @JsonProperty("max_buffered_bytes") ByteSize maxBufferedBytes,
    @JsonProperty("tracestate_threshold") Boolean tracestateThreshold,
    @JsonProperty("policy_attribute") Boolean policyAttribute,
    @JsonProperty("peers") PeersConfig peers,
    @JsonProperty("dry_run") Boolean dryRun,
    @JsonProperty("sample_on_first_match") Boolean sampleOnFirstMatch,
    @JsonProperty("drop_pending_traces_on_shutdown") Boolean dropPendingTracesOnShutdown,
    @JsonProperty("maximum_trace_size_bytes") Long maximumTraceSizeBytes,
    @JsonProperty("block_on_overflow") Boolean blockOnOverflow,
    @JsonProperty("decision_wait_after_root_received") Duration decisionWaitAfterRootReceived,
    @JsonProperty("sampling_strategy") String samplingStrategy,
    @JsonProperty("num_shards") Integer numShards,
    @JsonProperty("tail_storage") String tailStorage)
    implements Validatable {

  static final String TRACE_COMPLETE = "trace-complete";
  static final String SPAN_INGEST = "span-ingest";

  /** The Collector's bound on {@code num_shards}. */
  static final int MAX_SHARDS = 256;

  /**
   * Spans per trace the default span bound allows on average: 200,000 spans with the default
   * num_traces, about 0.5 GB of heap for spans of ten attributes (measured at about 2.4 KB each,
   * some six times their encoded size). The trace count alone bounds nothing: a few huge traces
   * (batch jobs, fan-outs) can hold any amount of memory.
   */
  static final int DEFAULT_SPANS_PER_TRACE = 4;

  /**
   * The byte bound when {@code max_buffered_bytes} is not set: half the gateway's memory budget,
   * which the buffer draws on, so that early decisions make room before the receivers must refuse.
   * Without a budget (tools, tests) only the span bound applies.
   */
  long maxBufferedBytes(long memoryBudgetLimit) {
    if (maxBufferedBytes != null) {
      return maxBufferedBytes.bytes();
    }
    return memoryBudgetLimit == Long.MAX_VALUE ? Long.MAX_VALUE : memoryBudgetLimit / 2;
  }

  public TailSamplingConfig {
    decisionWait = decisionWait == null ? Duration.ofSeconds(30) : decisionWait;
    numTraces = numTraces == null ? 50_000 : numTraces;
    expectedNewTracesPerSec = expectedNewTracesPerSec == null ? 0 : expectedNewTracesPerSec;
    // On by default, unlike the Collector: without it, a span that straggles in after its trace's
    // decision starts a new trace of its own and is decided alone (kept traces arrive incomplete).
    // One slot per trace the buffer holds, for each verdict: about 100 bytes a slot.
    decisionCache =
        decisionCache == null
            ? new DecisionCacheConfig(Math.max(0, numTraces), Math.max(0, numTraces))
            : decisionCache;
    // Not List.copyOf: a null entry (a bare "-" in YAML) is a config error to report, not a crash
    // here.
    policies =
        policies == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(policies));
    maxBufferedSpans =
        maxBufferedSpans == null
            ? (int) Math.min(Integer.MAX_VALUE, (long) numTraces * DEFAULT_SPANS_PER_TRACE)
            : maxBufferedSpans;
    tracestateThreshold = tracestateThreshold == null || tracestateThreshold;
    policyAttribute = policyAttribute == null || policyAttribute;
    dryRun = dryRun != null && dryRun;
    sampleOnFirstMatch = sampleOnFirstMatch != null && sampleOnFirstMatch;
    dropPendingTracesOnShutdown =
        dropPendingTracesOnShutdown != null && dropPendingTracesOnShutdown;
    maximumTraceSizeBytes = maximumTraceSizeBytes == null ? 0L : maximumTraceSizeBytes;
    blockOnOverflow = blockOnOverflow != null && blockOnOverflow;
    decisionWaitAfterRootReceived =
        decisionWaitAfterRootReceived == null ? Duration.ZERO : decisionWaitAfterRootReceived;
    samplingStrategy = samplingStrategy == null ? TRACE_COMPLETE : samplingStrategy;
    numShards = numShards == null ? 1 : numShards;
  }

  /** Without the Collector's later keys: the constructor the tests and older callers use. */
  public TailSamplingConfig(
      Duration decisionWait,
      Integer numTraces,
      Integer expectedNewTracesPerSec,
      DecisionCacheConfig decisionCache,
      List<PolicyConfig> policies,
      Integer maxBufferedSpans,
      ByteSize maxBufferedBytes,
      Boolean tracestateThreshold,
      Boolean policyAttribute,
      PeersConfig peers,
      Boolean dryRun) {
    this(
        decisionWait,
        numTraces,
        expectedNewTracesPerSec,
        decisionCache,
        policies,
        maxBufferedSpans,
        maxBufferedBytes,
        tracestateThreshold,
        policyAttribute,
        peers,
        dryRun,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Traces expected to wait at once: expected_new_traces_per_sec × decision_wait, at most
   * num_traces; the buffer is sized for them up front.
   */
  int expectedWaitingTraces() {
    long seconds = Math.max(1, decisionWait.toSeconds());
    return (int)
        Math.min(numTraces, Math.min(Integer.MAX_VALUE, expectedNewTracesPerSec * seconds));
  }

  /**
   * How long after its root span arrived a trace is decided, when that comes before {@code
   * decision_wait} after its first span; zero when the root span does not hasten decisions.
   */
  Duration rootWait() {
    return decisionWaitAfterRootReceived.isZero()
            || decisionWaitAfterRootReceived.compareTo(decisionWait) >= 0
        ? Duration.ZERO
        : decisionWaitAfterRootReceived;
  }

  /** Without dry_run: the constructor the tests and older callers use. */
  public TailSamplingConfig(
      Duration decisionWait,
      Integer numTraces,
      Integer expectedNewTracesPerSec,
      DecisionCacheConfig decisionCache,
      List<PolicyConfig> policies,
      Integer maxBufferedSpans,
      ByteSize maxBufferedBytes,
      Boolean tracestateThreshold,
      Boolean policyAttribute,
      PeersConfig peers) {
    this(
        decisionWait,
        numTraces,
        expectedNewTracesPerSec,
        decisionCache,
        policies,
        maxBufferedSpans,
        maxBufferedBytes,
        tracestateThreshold,
        policyAttribute,
        peers,
        null);
  }

  /** A config without peers or a byte bound of its own: this replica decides alone. */
  public TailSamplingConfig(
      Duration decisionWait,
      Integer numTraces,
      Integer expectedNewTracesPerSec,
      DecisionCacheConfig decisionCache,
      List<PolicyConfig> policies,
      Integer maxBufferedSpans,
      Boolean tracestateThreshold,
      Boolean policyAttribute) {
    this(
        decisionWait,
        numTraces,
        expectedNewTracesPerSec,
        decisionCache,
        policies,
        maxBufferedSpans,
        null,
        tracestateThreshold,
        policyAttribute,
        null);
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(decisionWait.toNanos() > 0, "decision_wait", "must be > 0");
    errors.check(numTraces > 0, "num_traces", "must be > 0");
    errors.check(expectedNewTracesPerSec >= 0, "expected_new_traces_per_sec", "must be >= 0");
    decisionCache.validate(errors.at("decision_cache"));
    errors.check(maxBufferedSpans > 0, "max_buffered_spans", "must be > 0");
    errors.check(
        maxBufferedBytes == null || maxBufferedBytes.bytes() > 0,
        "max_buffered_bytes",
        "must be > 0");
    if (policies.isEmpty()) {
      errors.add("policies", "must name at least one policy");
    } else {
      PolicyConfigs.validate(policies, errors.at("policies"));
    }
    if (peers != null) {
      peers.validate(errors.at("peers"));
    }
    validateCollectorKeys(errors);
  }

  /** The keys the Collector added after its first ones; some cannot act here and say so. */
  private void validateCollectorKeys(ConfigErrors errors) {
    errors.check(
        maximumTraceSizeBytes >= 0, "maximum_trace_size_bytes", "must be >= 0 (0: no limit)");
    errors.check(
        !decisionWaitAfterRootReceived.isNegative(),
        "decision_wait_after_root_received",
        "must be >= 0 (0s: off)");
    if (SPAN_INGEST.equals(samplingStrategy)) {
      errors.warn(
          "sampling_strategy",
          "has no effect here: span-ingest is not implemented; traces are decided whole after"
              + " decision_wait, as with trace-complete");
    } else {
      errors.check(
          TRACE_COMPLETE.equals(samplingStrategy),
          "sampling_strategy",
          "must be "
              + TRACE_COMPLETE
              + " or "
              + SPAN_INGEST
              + ", not \""
              + samplingStrategy
              + "\"");
    }
    if (numShards < 1 || numShards > MAX_SHARDS) {
      errors.add("num_shards", "must be between 1 and " + MAX_SHARDS);
    } else if (numShards > 1) {
      errors.warn(
          "num_shards",
          "has no effect here: one buffer per processor, decided by one thread (the receivers"
              + " read requests in parallel); rates are not divided");
    }
    if (tailStorage != null) {
      errors.warn(
          "tail_storage",
          "has no effect here: Tailgate has no tail storage extensions; spans wait in memory,"
              + " bounded by max_buffered_spans and max_buffered_bytes");
    }
  }
}
