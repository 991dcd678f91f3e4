package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.attr;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.resource;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** string_attribute, numeric_attribute and boolean_attribute. */
class AttributePoliciesTest {

  private static StringAttributePolicy exact(String key, List<String> values, boolean invert) {
    return new StringAttributePolicy("s", key, StringMatcher.exact(values), invert);
  }

  private static StringAttributePolicy regex(String key, List<String> values, boolean invert) {
    return new StringAttributePolicy("s", key, StringMatcher.regex(values, 2), invert);
  }

  @Test
  void stringAttributeMatchesASpanAttribute() {
    Policy policy = exact("http.route", List.of("/checkout", "/pay"), false);

    assertThat(
            policy.evaluate(
                trace(
                    ref(span().build()),
                    ref(span().addAttributes(attr("http.route", "/pay")).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("http.route", "/home")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void stringAttributeMatchesAResourceAttribute() {
    Policy policy = exact("service.name", List.of("payments"), false);

    assertThat(
            policy.evaluate(trace(ref(resource(attr("service.name", "payments")), span().build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(trace(ref(resource(attr("service.name", "web")), span().build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void stringAttributeIgnoresValuesThatAreNotStrings() {
    Policy policy = exact("http.status_code", List.of("500"), false);

    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("http.status_code", 500L)).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void stringAttributeRegexFindsAMatchAnywhereInTheValue() {
    Policy policy = regex("url.path", List.of("/health", "^/metrics$"), false);

    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("url.path", "/api/health/live")).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("url.path", "/metrics")).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("url.path", "/metrics/x")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void stringAttributeRegexAnswersTheSameOnceItsCacheIsFullAndEvicting() {
    StringMatcher matcher = StringMatcher.regex(List.of("^v[0-9]+$"), 2);

    for (int round = 0; round < 3; round++) {
      assertThat(matcher.matches("v1")).isTrue();
      assertThat(matcher.matches("x1")).isFalse();
      assertThat(matcher.matches("v22")).isTrue();
    }
  }

  @Test
  void stringAttributeInvertMatchKeepsTracesWithoutTheValue() {
    Policy policy = exact("team", List.of("team_a"), true);

    assertThat(policy.evaluate(trace(ref(resource(attr("team", "team_a")), span().build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(resource(attr("team", "team_b")), span().build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(trace(ref(span().build())))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void stringAttributeInvertMatchWithRegex() {
    Policy policy = regex("url.path", List.of("^/health"), true);

    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("url.path", "/healthz")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("url.path", "/orders")).build()))))
        .isEqualTo(Decision.SAMPLE);
  }

  @Test
  void numericAttributeKeepsValuesWithinTheInclusiveBounds() {
    Policy policy = new NumericAttributePolicy("n", "http.status_code", 500, 599, false);

    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("http.status_code", 500L)).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("http.status_code", 599L)).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("http.status_code", 404L)).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("http.status_code", "503")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void numericAttributeReadsDoublesAndResourceAttributes() {
    Policy policy = new NumericAttributePolicy("n", "load", 1, Long.MAX_VALUE, false);

    assertThat(policy.evaluate(trace(ref(resource(attr("load", 1.5)), span().build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(trace(ref(resource(attr("load", 0.5)), span().build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void numericAttributeInvertMatch() {
    Policy policy = new NumericAttributePolicy("n", "retries", 1, 10, true);

    assertThat(policy.evaluate(trace(ref(span().addAttributes(attr("retries", 3L)).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(span().addAttributes(attr("retries", 0L)).build()))))
        .isEqualTo(Decision.SAMPLE);
  }

  @Test
  void booleanAttributeMatchesTheConfiguredValueOnSpansOrResources() {
    Policy policy = new BooleanAttributePolicy("b", "app.force_sample", true, false);

    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("app.force_sample", true)).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(trace(ref(resource(attr("app.force_sample", true)), span().build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("app.force_sample", false)).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("app.force_sample", "true")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void booleanAttributeInvertMatch() {
    Policy policy = new BooleanAttributePolicy("b", "app.do_not_sample", true, true);

    assertThat(
            policy.evaluate(
                trace(ref(span().addAttributes(attr("app.do_not_sample", true)).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(span().build())))).isEqualTo(Decision.SAMPLE);
  }
}
