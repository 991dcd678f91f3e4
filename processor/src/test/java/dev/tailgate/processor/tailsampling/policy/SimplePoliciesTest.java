package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.attr;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.traceOfSpans;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** always_sample, latency, status_code, span_count, trace_state and trace_flags. */
class SimplePoliciesTest {

  @Test
  void alwaysSampleKeepsEveryTraceWithProbabilityOne() {
    Policy policy = new AlwaysSamplePolicy("all");

    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.name()).isEqualTo("all");
  }

  @Test
  void latencyMeasuresFromTheEarliestStartToTheLatestEndAcrossSpans() {
    Policy policy = new LatencyPolicy("slow", 1000, 0);
    // Neither span lasts a second, but the trace does: 0ms .. 1000ms.
    TraceView trace =
        trace(
            ref(
                span()
                    .setStartTimeUnixNano(5_000_000_000L)
                    .setEndTimeUnixNano(5_600_000_000L)
                    .build()),
            ref(
                span()
                    .setStartTimeUnixNano(5_500_000_000L)
                    .setEndTimeUnixNano(6_000_000_000L)
                    .build()));

    assertThat(policy.evaluate(trace)).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void latencyBelowTheThresholdIsNotSampled() {
    Policy policy = new LatencyPolicy("slow", 1000, 0);

    assertThat(policy.evaluate(trace(ref(spanLasting(999_999_999L)))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void latencyAboveTheUpperThresholdIsNotSampledButTheBoundsAreInclusive() {
    Policy policy = new LatencyPolicy("window", 1000, 2000);

    assertThat(policy.evaluate(trace(ref(spanLasting(2_000_900_000L))))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(trace(ref(spanLasting(2_001_000_000L)))))
        .isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(spanLasting(1_000_000_000L))))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void latencyOfAnEmptyTraceIsNotSampled() {
    assertThat(new LatencyPolicy("slow", 1, 0).evaluate(trace())).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void statusCodeSamplesWhenAnySpanHasAListedStatus() {
    Policy errors = new StatusCodePolicy("errors", List.of("ERROR"));

    assertThat(
            errors.evaluate(
                trace(
                    ref(span(StatusCode.STATUS_CODE_OK).build()),
                    ref(span(StatusCode.STATUS_CODE_ERROR).build()))))
        .isEqualTo(Decision.SAMPLE);
    assertThat(
            errors.evaluate(
                trace(ref(span(StatusCode.STATUS_CODE_OK).build()), ref(span().build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void statusCodeUnsetMatchesSpansWithoutStatus() {
    Policy unset = new StatusCodePolicy("unset", List.of("UNSET", "OK"));

    assertThat(unset.evaluate(trace(ref(span().build())))).isEqualTo(Decision.SAMPLE);
  }

  @Test
  void spanCountKeepsTracesWithinTheInclusiveRange() {
    Policy policy = new SpanCountPolicy("mid", 2, 3);

    assertThat(policy.evaluate(traceOfSpans(1))).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(2))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(3))).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(traceOfSpans(4))).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void spanCountWithoutMaximumHasNoUpperLimit() {
    assertThat(new SpanCountPolicy("big", 2, 0).evaluate(traceOfSpans(500)))
        .isEqualTo(Decision.SAMPLE);
  }

  @Test
  void traceStateMatchesAListedValueOfTheKeyInAnySpan() {
    Policy policy = new TraceStatePolicy("vendor", "rojo", List.of("00f067aa0ba902b7", "x"));

    TraceView matching =
        trace(
            ref(span().build()),
            ref(span().setTraceState("congo=t61rcWkgMzE, rojo=00f067aa0ba902b7").build()));
    TraceView otherValue =
        trace(ref(span().setTraceState("rojo=zzz,congo=00f067aa0ba902b7").build()));
    TraceView otherKeyPrefix = trace(ref(span().setTraceState("rojo2=x").build()));

    assertThat(policy.evaluate(matching)).isEqualTo(Decision.SAMPLE);
    assertThat(policy.evaluate(otherValue)).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(otherKeyPrefix)).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(trace(ref(span().build())))).isEqualTo(Decision.NOT_SAMPLE);
  }

  @Test
  void spanAttributesDoNotConfuseSpanLevelPolicies() {
    // status_code and trace_state read span fields, never attributes named like them.
    Policy policy = new StatusCodePolicy("errors", List.of("ERROR"));

    assertThat(
            policy.evaluate(trace(ref(span().addAttributes(attr("status_code", "ERROR")).build()))))
        .isEqualTo(Decision.NOT_SAMPLE);
  }

  private static io.opentelemetry.proto.trace.v1.Span spanLasting(long nanos) {
    return span()
        .setStartTimeUnixNano(10_000_000_000L)
        .setEndTimeUnixNano(10_000_000_000L + nanos)
        .build();
  }

  @Test
  void traceFlagsKeepsATraceWithOneSpanWhoseSampledFlagIsSet() {
    Policy policy = new TraceFlagsPolicy("head-sampled");
    // Bits above the W3C byte (the OTLP "has remote parent" bits, 0x100 and 0x200) do not count.
    TraceView unsampled = trace(ref(span().setFlags(0x300).build()), ref(span().build()));
    TraceView oneSampled =
        trace(ref(span().setFlags(0x300).build()), ref(span().setFlags(0x101).build()));

    assertThat(policy.evaluate(unsampled)).isEqualTo(Decision.NOT_SAMPLE);
    assertThat(policy.evaluate(oneSampled)).isEqualTo(Decision.SAMPLE);
  }
}
