package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.traceOfSpans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.testing.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFactoryTest {
  private final ManualClock clock = new ManualClock();
  private final PolicyFactory factory = new PolicyFactory(clock);

  @Test
  void buildsAPolicyOfEveryTypeWithItsName() {
    List<PolicyConfig> configs =
        PolicyYaml.bindValid(PolicyConfigTest.fixture("all-policy-types.yaml"));

    List<Policy> policies = factory.create(configs);

    assertThat(policies)
        .extracting(Policy::name)
        .containsExactlyElementsOf(configs.stream().map(PolicyConfig::name).toList());
    assertThat(policies)
        .extracting(p -> p.getClass().getSimpleName())
        .containsExactly(
            "AlwaysSamplePolicy",
            "LatencyPolicy",
            "StatusCodePolicy",
            "ProbabilisticPolicy",
            "StringAttributePolicy",
            "NumericAttributePolicy",
            "BooleanAttributePolicy",
            "SpanCountPolicy",
            "TraceStatePolicy",
            "TraceFlagsPolicy",
            "RateLimitingPolicy",
            "BytesLimitingPolicy",
            "AndPolicy",
            "NotPolicy",
            "DropPolicy",
            "CompositePolicy",
            "DynamicPolicy",
            "OttlConditionPolicy");
  }

  @Test
  void eachBuildStartsStatefulPoliciesAfresh() {
    List<PolicyConfig> configs =
        PolicyYaml.bindValid(
            "policies: [ { name: cap, type: rate_limiting,"
                + " rate_limiting: { spans_per_second: 1, burst_capacity: 1 } }"
                + " ]");
    Policy first = factory.create(configs).get(0);
    assertThat(first.evaluate(traceOfSpans(1))).isEqualTo(Decision.SAMPLE);
    assertThat(first.evaluate(traceOfSpans(1))).isEqualTo(Decision.NOT_SAMPLE);

    Policy reloaded = factory.create(configs).get(0);

    assertThat(reloaded.evaluate(traceOfSpans(1))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void refusesAConfigThatWasNotValidated() {
    PolicyConfig missingSettings =
        new PolicyConfig(
            "slow", "latency", null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    assertThatThrownBy(() -> factory.create(missingSettings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy \"slow\": missing latency settings");
  }
}
