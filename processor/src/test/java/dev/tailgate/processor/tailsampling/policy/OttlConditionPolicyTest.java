package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.attr;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.resource;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.processor.ottl.OttlEvaluationException;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class OttlConditionPolicyTest {

  private static Policy policy(String settings) {
    return new PolicyFactory(Clock.systemUTC())
        .create(
            PolicyYaml.bindValid(
                "policies: [ { name: gold, type: ottl_condition, ottl_condition: "
                    + settings
                    + " } ]"))
        .get(0);
  }

  @Test
  void keepsATraceWithASpanMatchingACondition() {
    Policy gold = policy("{ span: ['attributes[\"app.tier\"] == \"gold\"'] }");

    assertThat(
            gold.evaluate(
                trace(
                    ref(span().build()),
                    ref(span().addAttributes(attr("app.tier", "gold")).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(gold.evaluate(trace(ref(span().addAttributes(attr("app.tier", "silver")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void readsTheResourceTheSpanArrivedWith() {
    Policy checkout = policy("{ span: ['resource.attributes[\"service.name\"] == \"checkout\"'] }");

    assertThat(
            checkout.evaluate(
                trace(ref(resource(attr("service.name", "checkout")), span().build()))))
        .isEqualTo(Decision.SAMPLE);
  }

  @Test
  void keepsATraceWithASpanEventMatchingACondition() {
    Policy exceptions = policy("{ spanevent: ['name == \"exception\" and span.name == \"op\"'] }");
    var withException = span().addEvents(Span.Event.newBuilder().setName("exception")).build();

    assertThat(exceptions.evaluate(trace(ref(span().build()), ref(withException))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(exceptions.evaluate(trace(ref(span().build())))).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void underPropagateAFailingConditionErrsOnTheTrace() {
    Policy failing = policy("{ span: ['Len(attributes[\"n\"]) > 1'] }");

    assertThatThrownBy(
            () -> failing.evaluate(trace(ref(span().addAttributes(attr("n", 5L)).build()))))
        .isInstanceOf(OttlEvaluationException.class);
  }

  @Test
  void underIgnoreAFailingConditionIsFalseAndTheNextIsTried() {
    Policy ignoring =
        policy("{ error_mode: ignore, span: ['Len(attributes[\"n\"]) > 1', 'name == \"op\"'] }");

    assertThat(ignoring.evaluate(trace(ref(span().addAttributes(attr("n", 5L)).build()))))
        .isEqualTo(Decision.SAMPLE);
  }

  @Test
  void validationNamesEveryBadConditionAndAnEmptyPolicy() {
    ConfigErrors errors = new ConfigErrors();
    PolicyYaml.bind(
        """
        policies:
          - { name: a, type: ottl_condition, ottl_condition: { span: ['name == '], spanevent: ['kind == 1'] } }
          - { name: b, type: ottl_condition, ottl_condition: {} }
        """,
        errors);

    assertThat(errors.problems())
        .containsExactly(
            "processors.tail_sampling.policies[0].ottl_condition.span[0]: at 9: expected a value,"
                + " found the end of the condition",
            "processors.tail_sampling.policies[0].ottl_condition.spanevent[0]: at 1: unknown path"
                + " 'kind' in the spanevent context; known: name, time_unix_nano, attributes,"
                + " dropped_attributes_count, span.<any span path>, resource.attributes,"
                + " resource.dropped_attributes_count, instrumentation_scope.name,"
                + " instrumentation_scope.version, instrumentation_scope.attributes,"
                + " instrumentation_scope.dropped_attributes_count",
            "processors.tail_sampling.policies[1].ottl_condition: give at least one condition in"
                + " span or spanevent");
  }
}
