package dev.tailgate.processor.tailsampling.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {
  private final ConfigErrors errors = new ConfigErrors();

  static String fixture(String name) {
    try (InputStream in = PolicyConfigTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The problems of a config that must not bind. */
  private List<String> problems(String yaml) {
    assertThat(PolicyYaml.bind(yaml, errors)).isNull();
    return errors.problems();
  }

  @Test
  void bindsTheCollectorExampleFromTheIssue() {
    List<PolicyConfig> policies =
        PolicyYaml.bindValid(
            """
            policies:
              - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
              - { name: slow, type: latency, latency: { threshold_ms: 1000 } }
              - { name: some, type: probabilistic, probabilistic: { sampling_percentage: 10 } }
            """);

    assertThat(policies).extracting(PolicyConfig::name).containsExactly("errors", "slow", "some");
    assertThat(policies).extracting(PolicyConfig::policyType).allMatch(t -> t.isPresent());
    assertThat(policies.get(0).statusCode()).isEqualTo(new StatusCodeConfig(List.of("ERROR")));
    assertThat(policies.get(1).latency()).isEqualTo(new LatencyConfig(1000L, 0L));
    assertThat(policies.get(2).probabilistic())
        .isEqualTo(new ProbabilisticConfig(10.0, "default-hash-seed"));
  }

  @Test
  void bindsEveryTypeOfTheFixture() {
    List<PolicyConfig> policies = PolicyYaml.bindValid(fixture("all-policy-types.yaml"));

    assertThat(policies)
        .extracting(p -> p.policyType().orElseThrow())
        .containsExactly(PolicyType.values());
    assertThat(policies.get(4).stringAttribute())
        .isEqualTo(new StringAttributeConfig("key2", List.of("value1", "val*"), true, 10, false));
    assertThat(policies.get(5).numericAttribute())
        .isEqualTo(new NumericAttributeConfig("key1", 50L, 100L, false));
    assertThat(policies.get(10).rateLimiting()).isEqualTo(new RateLimitingConfig(35L, 70L));
    assertThat(policies.get(11).bytesLimiting())
        .isEqualTo(new BytesLimitingConfig(1024000L, 2048000L));
    assertThat(policies.get(13).notPolicy().notSubPolicy().name()).isEqualTo("team-a");
    // Plain YAML keeps the backslash: the regex \/health, as the Collector's README writes it.
    assertThat(policies.get(14).drop().dropSubPolicy().get(0).stringAttribute().values())
        .containsExactly("\\/health", "\\/metrics");
    assertThat(policies.get(15).composite().rateAllocation())
        .containsExactly(
            new RateAllocationConfig("c1", 50.0), new RateAllocationConfig("c2", 25.0));
    assertThat(policies.get(16).dynamic())
        .isEqualTo(
            new DynamicConfig(
                List.of("service.name", "http.route", "status_code"),
                20,
                Duration.ofMinutes(1),
                500));
  }

  @Test
  void appliesTheDefaults() {
    List<PolicyConfig> policies =
        PolicyYaml.bindValid(
            """
            policies:
              - { name: s, type: string_attribute, string_attribute: { key: k, values: [v] } }
              - { name: b, type: bytes_limiting, bytes_limiting: { bytes_per_second: 1000 } }
              - { name: d, type: dynamic, dynamic: { key_fields: [http.route] } }
              - { name: n, type: numeric_attribute, numeric_attribute: { key: k, max_value: 10 } }
              - { name: c, type: span_count, span_count: { min_spans: 3 } }
            """);

    assertThat(policies.get(0).stringAttribute())
        .isEqualTo(new StringAttributeConfig("k", List.of("v"), false, 128, false));
    assertThat(policies.get(1).bytesLimiting().burstCapacity()).isEqualTo(2000);
    assertThat(policies.get(2).dynamic())
        .isEqualTo(new DynamicConfig(List.of("http.route"), 10, Duration.ofSeconds(30), 10_000));
    assertThat(policies.get(3).numericAttribute().lowerBound()).isEqualTo(Long.MIN_VALUE);
    assertThat(policies.get(4).spanCount()).isEqualTo(new SpanCountConfig(3, 0));
  }

  @Test
  void namesTheKeyOfAnOutOfRangeNumber() {
    assertThat(
            problems(
                """
                policies:
                  - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
                  - { name: some, type: probabilistic, probabilistic: { sampling_percentage: 10 } }
                  - { name: slow, type: latency, latency: { threshold_ms: 0 } }
                """))
        .containsExactly("processors.tail_sampling.policies[2].latency.threshold_ms: must be > 0");
  }

  @Test
  void listsTheKnownTypesForAnUnknownOrMissingType() {
    List<String> problems =
        problems(
            """
            policies:
              - { name: a, type: rare_spans }
              - { name: b }
            """);

    assertThat(problems)
        .containsExactly(
            "processors.tail_sampling.policies[0].type: unknown type \"rare_spans\"; known types:"
                + " always_sample, latency, status_code, probabilistic, string_attribute,"
                + " numeric_attribute, boolean_attribute, span_count, trace_state, trace_flags,"
                + " rate_limiting,"
                + " bytes_limiting, and, not, drop, composite, dynamic, ottl_condition",
            "processors.tail_sampling.policies[1].type: required; known types: "
                + PolicyType.knownKeys());
  }

  @Test
  void requiresUniqueNames() {
    assertThat(
            problems(
                """
                policies:
                  - { name: a, type: always_sample }
                  - { type: always_sample }
                  - { name: a, type: always_sample }
                """))
        .containsExactly(
            "processors.tail_sampling.policies[1].name: required",
            "processors.tail_sampling.policies[2].name: \"a\" is already the name of [0]; names"
                + " must be unique");
  }

  @Test
  void requiresTheSettingsOfTheType() {
    assertThat(
            problems(
                "policies: [ { name: slow, type: latency, status_code: { status_codes: [ERROR] } }"
                    + " ]"))
        .containsExactly("processors.tail_sampling.policies[0].latency: required for type latency");
  }

  @Test
  void requiresAtLeastOnePolicy() {
    assertThat(problems("policies: []"))
        .containsExactly("processors.tail_sampling.policies: must list at least one policy");
  }

  @Test
  void checksValuesOfEveryType() {
    List<String> problems =
        problems(
            """
            policies:
              - { name: l, type: latency, latency: { threshold_ms: 100, upper_threshold_ms: 50 } }
              - { name: s, type: status_code, status_code: { status_codes: [ERROR, FAILED] } }
              - { name: p, type: probabilistic, probabilistic: { sampling_percentage: 101 } }
              - { name: r, type: string_attribute, string_attribute: { key: k, values: [ok, "(unclosed"], enabled_regex_matching: true } }
              - { name: n, type: numeric_attribute, numeric_attribute: { key: k, min_value: 10, max_value: 1 } }
              - { name: b, type: boolean_attribute, boolean_attribute: { key: k } }
              - { name: c, type: span_count, span_count: { min_spans: 5, max_spans: 2 } }
              - { name: t, type: trace_state, trace_state: { key: k, values: [] } }
              - { name: rl, type: rate_limiting, rate_limiting: { spans_per_second: 0 } }
              - { name: bl, type: bytes_limiting, bytes_limiting: { bytes_per_second: 10, burst_capacity: -1 } }
              - { name: d, type: dynamic, dynamic: { key_fields: [], goal_sample_rate: 0, max_keys: 0 } }
            """);

    assertThat(problems)
        .containsExactly(
            "processors.tail_sampling.policies[0].latency.upper_threshold_ms: must be 0 or >="
                + " threshold_ms (100)",
            "processors.tail_sampling.policies[1].status_code.status_codes[1]: \"FAILED\" is not a"
                + " status code (OK, ERROR, UNSET)",
            "processors.tail_sampling.policies[2].probabilistic.sampling_percentage: must be"
                + " between 0 and 100",
            "processors.tail_sampling.policies[3].string_attribute.values[1]: not a valid regular"
                + " expression: Unclosed group",
            "processors.tail_sampling.policies[4].numeric_attribute.max_value: must be >= min_value"
                + " (10)",
            "processors.tail_sampling.policies[5].boolean_attribute.value: required (true or"
                + " false)",
            "processors.tail_sampling.policies[6].span_count.max_spans: must be 0 or >= min_spans"
                + " (5)",
            "processors.tail_sampling.policies[7].trace_state.values: must list at least one value",
            "processors.tail_sampling.policies[8].rate_limiting.spans_per_second: must be > 0",
            "processors.tail_sampling.policies[9].bytes_limiting.burst_capacity: must be > 0",
            "processors.tail_sampling.policies[10].dynamic.key_fields: must list at least one field"
                + " (an attribute key, status_code, name or service.name)",
            "processors.tail_sampling.policies[10].dynamic.goal_sample_rate: must be >= 1",
            "processors.tail_sampling.policies[10].dynamic.max_keys: must be >= 1");
  }

  @Test
  void namesThePathOfProblemsInNestedSubPolicies() {
    List<String> problems =
        problems(
            """
            policies:
              - name: outer
                type: and
                and:
                  and_sub_policy:
                    - { name: ok, type: always_sample }
                    - name: inner
                      type: not
                      not:
                        not_sub_policy: { name: limit, type: rate_limiting, rate_limiting: { spans_per_second: -5 } }
              - { name: empty-not, type: not, not: {} }
              - { name: empty-drop, type: drop, drop: { drop_sub_policy: [] } }
            """);

    assertThat(problems)
        .containsExactly(
            "processors.tail_sampling.policies[0].and.and_sub_policy[1].not.not_sub_policy.rate_limiting.spans_per_second:"
                + " must be > 0",
            "processors.tail_sampling.policies[1].not.not_sub_policy: required: one policy (name,"
                + " type, settings)",
            "processors.tail_sampling.policies[2].drop.drop_sub_policy: must list at least one"
                + " policy");
  }

  @Test
  void checksCompositeOrderAndAllocations() {
    List<String> problems =
        problems(
            """
            policies:
              - name: c
                type: composite
                composite:
                  max_total_spans_per_second: 100
                  policy_order: [a, nope]
                  composite_sub_policy:
                    - { name: a, type: always_sample }
                    - { name: b, type: always_sample }
                  rate_allocation:
                    - { policy: a, percent: 80 }
                    - { policy: ghost, percent: 10 }
                    - { policy: b, percent: 30 }
            """);

    assertThat(problems)
        .containsExactly(
            "processors.tail_sampling.policies[0].composite.policy_order[1]: \"nope\" is not the"
                + " name of a composite_sub_policy",
            "processors.tail_sampling.policies[0].composite.rate_allocation[1].policy: \"ghost\" is"
                + " not the name of a composite_sub_policy",
            "processors.tail_sampling.policies[0].composite.rate_allocation: percents add up to"
                + " 120.0, more than 100");
  }

  @Test
  void reportsUnknownKeysAndBadDurationsWithTheirPath() {
    problems("policies: [ { name: slow, type: latency, latency: { threshold: 100 } } ]");
    problems(
        "policies: [ { name: d, type: dynamic, dynamic: { key_fields: [a], adjustment_interval:"
            + " soon } } ]");

    assertThat(errors.problems()).hasSize(2);
    assertThat(errors.problems().get(0))
        .startsWith(
            "processors.tail_sampling.policies[0].latency.threshold: unknown key \"threshold\"");
    assertThat(errors.problems().get(1))
        .startsWith(
            "processors.tail_sampling.policies[0].dynamic.adjustment_interval: \"soon\" is not a"
                + " duration");
  }
}
