package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.attr;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.resource;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.traceOfSpans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** and, not and drop, built from YAML as users write them, nested. */
class CombiningPoliciesTest {
  private final ManualClock clock = new ManualClock();
  private final PolicyFactory factory = new PolicyFactory(clock);

  private Policy policy(String yaml) {
    return factory.create(PolicyYaml.bindValid(yaml).get(0));
  }

  private static TraceView service(String name, StatusCode code) {
    return trace(ref(resource(attr("service.name", name)), span(code).build()));
  }

  @Test
  void andSamplesOnlyWhenEverySubPolicySamples() {
    Policy policy =
        policy(
            """
            policies:
              - name: payment-errors
                type: and
                and:
                  and_sub_policy:
                    - { name: svc, type: string_attribute, string_attribute: { key: service.name, values: [payments] } }
                    - { name: err, type: status_code, status_code: { status_codes: [ERROR] } }
            """);

    assertThat(policy.evaluate(service("payments", StatusCode.STATUS_CODE_ERROR)))
        .isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(service("payments", StatusCode.STATUS_CODE_OK)))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(service("web", StatusCode.STATUS_CODE_ERROR)))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void andMultipliesTheProbabilitiesOfItsSubPolicies() {
    Policy policy =
        new AndPolicy(
            "p",
            List.of(
                FixedPolicy.of(Decision.sampledWithProbability(0.5)),
                FixedPolicy.of(Decision.SAMPLE),
                FixedPolicy.of(Decision.sampledWithProbability(0.25))));

    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.sampledWithProbability(0.125));
  }

  @Test
  void andStopsAtTheFirstRefusalSoLaterRateLimitsSpendNothing() {
    Policy policy =
        policy(
            """
            policies:
              - name: limited-errors
                type: and
                and:
                  and_sub_policy:
                    - { name: err, type: status_code, status_code: { status_codes: [ERROR] } }
                    - { name: limit, type: rate_limiting, rate_limiting: { spans_per_second: 1, burst_capacity: 1 } }
            """);

    assertThat(policy.evaluate(service("web", StatusCode.STATUS_CODE_OK)))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(service("web", StatusCode.STATUS_CODE_ERROR)))
        .isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(service("web", StatusCode.STATUS_CODE_ERROR)))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void notInvertsItsSubPolicy() {
    Policy policy =
        policy(
            """
            policies:
              - name: not-team-a
                type: not
                not:
                  not_sub_policy: { name: team-a, type: string_attribute, string_attribute: { key: team, values: [team_a] } }
            """);

    assertThat(policy.evaluate(trace(ref(resource(attr("team", "team_a")), span().build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(resource(attr("team", "team_b")), span().build()))))
        .isEqualTo(Decision.SAMPLE);
  }

  @Test
  void notLeavesADropADrop() {
    Policy policy = new NotPolicy("n", FixedPolicy.of(Decision.DROP));

    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.DROP);
  }

  @Test
  void dropDropsWhenAllSubPoliciesSampleAndOtherwiseSaysNotSampled() {
    Policy policy =
        policy(
            """
            policies:
              - name: no-health-checks
                type: drop
                drop:
                  drop_sub_policy:
                    - name: health
                      type: string_attribute
                      string_attribute: { key: url.path, values: [\\/health, \\/metrics], enabled_regex_matching: true }
                    - { name: fine, type: status_code, status_code: { status_codes: [OK, UNSET] } }
            """);

    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("url.path", "/health")).build()))))
        .isEqualTo(Decision.DROP);
    assertThat(
            policy.evaluate(
                trace(
                    ref(
                        span(StatusCode.STATUS_CODE_ERROR)
                            .addAttributes(attr("url.path", "/health"))
                            .build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("url.path", "/orders")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void nestedDropOfAnAndOfANot() {
    // Drop traces of team_a that are not errors.
    Policy policy =
        policy(
            """
            policies:
              - name: quiet-team-a
                type: drop
                drop:
                  drop_sub_policy:
                    - name: team-a-without-errors
                      type: and
                      and:
                        and_sub_policy:
                          - { name: team-a, type: string_attribute, string_attribute: { key: team, values: [team_a] } }
                          - name: no-error
                            type: not
                            not:
                              not_sub_policy: { name: error, type: status_code, status_code: { status_codes: [ERROR] } }
            """);

    assertThat(policy.evaluate(trace(ref(resource(attr("team", "team_a")), span().build()))))
        .isEqualTo(Decision.DROP);
    assertThat(
            policy.evaluate(
                trace(
                    ref(
                        resource(attr("team", "team_a")),
                        span(StatusCode.STATUS_CODE_ERROR).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(resource(attr("team", "team_b")), span().build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }
}
