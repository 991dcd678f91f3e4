package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.attr;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositePolicyTest {
  private final ManualClock clock = new ManualClock();

  /**
   * The Collector README's composite example, with a total of 100 spans/s: vip 50, key2 25, rest
   * equal share.
   */
  private static final String CONFIG =
      """
      policies:
        - name: composite
          type: composite
          composite:
            max_total_spans_per_second: 100
            policy_order: [vip, key2, everything]
            composite_sub_policy:
              - { name: everything, type: always_sample }
              - { name: key2, type: string_attribute, string_attribute: { key: key2, values: [value1, value2] } }
              - { name: vip, type: numeric_attribute, numeric_attribute: { key: key1, min_value: 50 } }
            rate_allocation:
              - { policy: vip, percent: 50 }
              - { policy: key2, percent: 25 }
      """;

  private Policy composite() {
    return new PolicyFactory(clock).create(PolicyYaml.bindValid(CONFIG).get(0));
  }

  private static TraceView traceOf(int spans, Span template) {
    SpanRef[] refs = new SpanRef[spans];
    Arrays.fill(refs, ref(template));
    return trace(refs);
  }

  private static TraceView vip(int spans) {
    return traceOf(spans, span().addAttributes(attr("key1", 70L)).build());
  }

  private static TraceView key2(int spans) {
    return traceOf(spans, span().addAttributes(attr("key2", "value1")).build());
  }

  private static TraceView plain(int spans) {
    return traceOf(spans, span().build());
  }

  @Test
  void allocatesPercentagesAndAnEqualShareToSubPoliciesWithoutOne() {
    CompositeConfig config = PolicyYaml.bindValid(CONFIG).get(0).composite();

    assertThat(config.spansPerSecondFor("vip")).isEqualTo(50);
    assertThat(config.spansPerSecondFor("key2")).isEqualTo(25);
    assertThat(config.spansPerSecondFor("everything")).isEqualTo(33);
    assertThat(config.orderedSubPolicies())
        .extracting(PolicyConfig::name)
        .containsExactly("vip", "key2", "everything");
  }

  @Test
  void eachSubPolicyKeepsTracesUpToItsShareInASecond() {
    Policy policy = composite();

    assertThat(policy.evaluate(key2(20))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(plain(33))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(plain(1))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(vip(40))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void aTraceWhoseSubPolicyShareIsSpentFallsThroughToTheNextSubPolicy() {
    Policy policy = composite();

    assertThat(policy.evaluate(key2(25))).isEqualTo(Decision.SAMPLE); // key2's share is spent
    assertThat(policy.evaluate(key2(10))).isEqualTo(Decision.SAMPLE); // taken by "everything"
    assertThat(policy.evaluate(plain(24))).isEqualTo(Decision.NOT_SAMPLE); // 10 + 24 > 33
    assertThat(policy.evaluate(plain(23))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void theTotalCapsTheSumOfTheShares() {
    // Shares add up to 50 + 25 + 33 = 108 > 100: the total still holds.
    Policy policy = composite();

    assertThat(policy.evaluate(vip(50))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(key2(25))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(plain(26))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(plain(25))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void sharesStartOverEachSecond() {
    Policy policy = composite();
    assertThat(policy.evaluate(vip(50))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(vip(34)))
        .isEqualTo(Decision.NOT_SAMPLE); // vip spent, "everything" has 33

    clock.advance(Duration.ofSeconds(1));

    assertThat(policy.evaluate(vip(50))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void aTraceNoSubPolicyKeepsIsNotSampled() {
    Policy policy =
        new PolicyFactory(clock)
            .create(
                PolicyYaml.bindValid(
                        """
                        policies:
                          - name: c
                            type: composite
                            composite:
                              max_total_spans_per_second: 10
                              composite_sub_policy:
                                - { name: vip, type: numeric_attribute, numeric_attribute: { key: key1, min_value: 50 } }
                        """)
                    .get(0));

    assertThat(policy.evaluate(plain(1))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(vip(10))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void keepsTheDecisionOfTheSubPolicyThatKeptTheTrace() {
    Policy policy =
        new CompositePolicy(
            "c",
            clock,
            10,
            List.of(
                new CompositePolicy.Share(
                    FixedPolicy.of(Decision.sampledWithProbability(0.5)), 10)));

    assertThat(policy.evaluate(plain(1))).isEqualTo(Decision.sampledWithProbability(0.5));
  }
}
