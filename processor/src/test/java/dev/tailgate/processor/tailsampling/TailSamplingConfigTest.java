package dev.tailgate.processor.tailsampling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TailSamplingConfigTest {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ConfigErrors errors = new ConfigErrors();

  private TailSamplingConfig bind(String text) throws Exception {
    return new ConfigBinder()
        .bind(yaml.readTree(text), TailSamplingConfig.class, "processors.tail_sampling", errors)
        .orElse(null);
  }

  @Test
  void bindsTheCollectorsKeys() throws Exception {
    TailSamplingConfig config =
        bind(
            """
            decision_wait: 10s
            num_traces: 100
            expected_new_traces_per_sec: 10
            decision_cache: { sampled_cache_size: 1000, non_sampled_cache_size: 5000 }
            policies:
              - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
              - { name: slow, type: latency, latency: { threshold_ms: 1000 } }
            """);

    assertThat(errors.problems()).isEmpty();
    assertThat(config.decisionWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.numTraces()).isEqualTo(100);
    assertThat(config.expectedNewTracesPerSec()).isEqualTo(10);
    assertThat(config.decisionCache()).isEqualTo(new DecisionCacheConfig(1000, 5000));
    assertThat(config.policies())
        .extracting(p -> p.name() + ":" + p.type())
        .containsExactly("errors:status_code", "slow:latency");
  }

  @Test
  void sizesTheDefaultDecisionCacheByNumTracesAndTurnsItOffWithZeroSizes() throws Exception {
    assertThat(
            bind("num_traces: 1000\npolicies: [ { name: all, type: always_sample } ]")
                .decisionCache())
        .isEqualTo(new DecisionCacheConfig(1000, 1000));
    assertThat(
            bind("decision_cache: { sampled_cache_size: 0, non_sampled_cache_size: 0 }\n"
                    + "policies: [ { name: all, type: always_sample } ]")
                .decisionCache())
        .isEqualTo(DecisionCacheConfig.OFF);
  }

  @Test
  void appliesTheDefaults() throws Exception {
    TailSamplingConfig config = bind("policies: [ { name: all, type: always_sample } ]");

    assertThat(config.decisionWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.numTraces()).isEqualTo(50_000);
    assertThat(config.expectedNewTracesPerSec()).isZero();
    assertThat(config.decisionCache())
        .as("one slot per buffered trace, each verdict")
        .isEqualTo(new DecisionCacheConfig(50_000, 50_000));
    assertThat(config.maxBufferedSpans()).isEqualTo(200_000);
    assertThat(config.tracestateThreshold()).isTrue();
    assertThat(config.policyAttribute()).isTrue();
  }

  @Test
  void boundsBufferedSpansByFourPerTraceUnlessSet() throws Exception {
    assertThat(
            bind("{ num_traces: 1000, policies: [ { name: all, type: always_sample } ] }")
                .maxBufferedSpans())
        .isEqualTo(4_000);
    assertThat(
            bind("{ max_buffered_spans: 42, policies: [ { name: all, type: always_sample } ] }")
                .maxBufferedSpans())
        .isEqualTo(42);
  }

  @Test
  void namesEveryInvalidKey() throws Exception {
    bind(
        """
        decision_wait: 0
        num_traces: 0
        decision_cache: { sampled_cache_size: -1 }
        max_buffered_spans: 0
        policies: []
        """);

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.decision_wait: must be > 0",
            "processors.tail_sampling.num_traces: must be > 0",
            "processors.tail_sampling.decision_cache.sampled_cache_size: must be >= 0 (0: off)",
            "processors.tail_sampling.max_buffered_spans: must be > 0",
            "processors.tail_sampling.policies: must name at least one policy");
  }

  @Test
  void requiresPolicies() throws Exception {
    bind("decision_wait: 1s");

    assertThat(errors.problems())
        .containsExactly("processors.tail_sampling.policies: must name at least one policy");
  }

  @Test
  void reportsPolicyProblemsWithTheirIndex() throws Exception {
    bind(
        """
        policies:
          - { name: ok, type: always_sample }
          - { name: slow, type: latency, latency: { threshold_ms: 0 } }
          - { name: ok, type: nonsense }
        """);

    assertThat(errors.problems())
        .anyMatch(p -> p.startsWith("processors.tail_sampling.policies[1].latency.threshold_ms: "))
        .anyMatch(p -> p.startsWith("processors.tail_sampling.policies[2].type: "))
        .anyMatch(p -> p.startsWith("processors.tail_sampling.policies[2].name: "));
  }

  @Test
  void bindsTheCollectorsLaterKeys() throws Exception {
    TailSamplingConfig config =
        bind(
            """
            decision_wait: 30s
            decision_wait_after_root_received: 2s
            sample_on_first_match: true
            drop_pending_traces_on_shutdown: true
            maximum_trace_size_bytes: 4194304
            block_on_overflow: true
            sampling_strategy: trace-complete
            num_shards: 1
            policies: [ { name: all, type: always_sample } ]
            """);

    assertThat(errors.problems()).isEmpty();
    assertThat(errors.warnings()).isEmpty();
    assertThat(config.decisionWaitAfterRootReceived()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.rootWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.sampleOnFirstMatch()).isTrue();
    assertThat(config.dropPendingTracesOnShutdown()).isTrue();
    assertThat(config.maximumTraceSizeBytes()).isEqualTo(4_194_304L);
    assertThat(config.blockOnOverflow()).isTrue();
  }

  @Test
  void appliesTheCollectorsDefaultsToItsLaterKeys() throws Exception {
    TailSamplingConfig config = bind("policies: [ { name: all, type: always_sample } ]");

    assertThat(config.decisionWaitAfterRootReceived()).isZero();
    assertThat(config.rootWait()).isZero();
    assertThat(config.sampleOnFirstMatch()).isFalse();
    assertThat(config.dropPendingTracesOnShutdown()).isFalse();
    assertThat(config.maximumTraceSizeBytes()).isZero();
    assertThat(config.blockOnOverflow()).isFalse();
    assertThat(config.samplingStrategy()).isEqualTo("trace-complete");
    assertThat(config.numShards()).isEqualTo(1);
    assertThat(config.tailStorage()).isNull();
  }

  @Test
  void aRootWaitNoShorterThanDecisionWaitHastensNothing() throws Exception {
    TailSamplingConfig config =
        bind(
            "{ decision_wait: 5s, decision_wait_after_root_received: 5s,"
                + " policies: [ { name: all, type: always_sample } ] }");

    assertThat(config.rootWait()).isZero();
  }

  @Test
  void warnsOfTheCollectorKeysThatCannotActHere() throws Exception {
    bind(
        """
        sampling_strategy: span-ingest
        num_shards: 8
        tail_storage: pebble_tail_storage
        policies: [ { name: all, type: always_sample } ]
        """);

    assertThat(errors.problems()).isEmpty();
    assertThat(errors.warnings())
        .hasSize(3)
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("processors.tail_sampling.sampling_strategy: has no effect here"))
        .anySatisfy(
            w ->
                assertThat(w).startsWith("processors.tail_sampling.num_shards: has no effect here"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("processors.tail_sampling.tail_storage: has no effect here"));
  }

  @Test
  void namesTheInvalidLaterKeys() throws Exception {
    bind(
        """
        maximum_trace_size_bytes: -1
        sampling_strategy: eventually
        num_shards: 257
        policies: [ { name: all, type: always_sample } ]
        """);

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.maximum_trace_size_bytes: must be >= 0 (0: no limit)",
            "processors.tail_sampling.sampling_strategy: must be trace-complete or span-ingest, not"
                + " \"eventually\"",
            "processors.tail_sampling.num_shards: must be between 1 and 256");
  }

  @Test
  void sizesTheBufferForExpectedNewTracesPerSecondOverDecisionWaitUpToNumTraces() throws Exception {
    String policies = "policies: [ { name: all, type: always_sample } ]";

    assertThat(
            bind("{ decision_wait: 10s, num_traces: 1000, expected_new_traces_per_sec: 10, "
                    + policies
                    + " }")
                .expectedWaitingTraces())
        .isEqualTo(100);
    assertThat(
            bind("{ decision_wait: 10s, num_traces: 50, expected_new_traces_per_sec: 10, "
                    + policies
                    + " }")
                .expectedWaitingTraces())
        .isEqualTo(50);
    assertThat(bind("{ " + policies + " }").expectedWaitingTraces()).isZero();
  }
}
