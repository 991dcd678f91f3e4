package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.attr;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.randomTraceId;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.resource;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailgate.pipeline.testing.ManualClock;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DynamicPolicyTest {
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock();
  private final Random random = new Random(11);

  private DynamicPolicy policy(int maxKeys) {
    return new DynamicPolicy(
        "dyn",
        clock,
        new DynamicConfig(List.of("http.route", "status_code"), 10, INTERVAL, maxKeys));
  }

  private TraceView request(String route, StatusCode status) {
    return trace(
        randomTraceId(random), ref(span(status).addAttributes(attr("http.route", route)).build()));
  }

  /** How many of {@code count} fresh traces of the route the policy keeps. */
  private int kept(Policy policy, String route, StatusCode status, int count) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (policy.evaluate(request(route, status)).outcome() == Outcome.SAMPLE) {
        kept++;
      }
    }
    return kept;
  }

  @Test
  void keepsEverythingUntilTheFirstAdjustment() {
    DynamicPolicy policy = policy(100);

    assertThat(kept(policy, "/home", StatusCode.STATUS_CODE_OK, 1_000)).isEqualTo(1_000);
  }

  @Test
  void samplesAFrequentKeyNearTheGoalAfterAnAdjustmentInterval() {
    DynamicPolicy policy = policy(100);
    kept(policy, "/home", StatusCode.STATUS_CODE_OK, 10_000);
    clock.advance(INTERVAL);

    int kept = kept(policy, "/home", StatusCode.STATUS_CODE_OK, 10_000);

    assertThat(kept / 10_000.0).isCloseTo(0.1, within(0.015));
  }

  @Test
  void keptTracesCarryOneOverTheRateAsProbability() {
    DynamicPolicy policy = policy(100);
    kept(policy, "/home", StatusCode.STATUS_CODE_OK, 10_000);
    clock.advance(INTERVAL);

    Decision decision;
    do {
      decision = policy.evaluate(request("/home", StatusCode.STATUS_CODE_OK));
    } while (decision.outcome() != Outcome.SAMPLE);

    assertThat(decision.probability()).isEqualTo(0.1);
  }

  @Test
  void alwaysKeepsARareKeyAndANewOneNextToAFrequentKey() {
    DynamicPolicy policy = policy(100);
    kept(policy, "/home", StatusCode.STATUS_CODE_OK, 10_000);
    kept(policy, "/pay", StatusCode.STATUS_CODE_ERROR, 1);
    clock.advance(INTERVAL);

    assertThat(kept(policy, "/pay", StatusCode.STATUS_CODE_ERROR, 50)).isEqualTo(50);
    assertThat(kept(policy, "/home", StatusCode.STATUS_CODE_ERROR, 50))
        .isEqualTo(50); // a new error on /home
    assertThat(kept(policy, "/home", StatusCode.STATUS_CODE_OK, 1_000)).isLessThan(200);
  }

  @Test
  void findsKeyFieldsOnTheResourceAndGroupsByEverySpansValues() {
    DynamicPolicy policy =
        new DynamicPolicy(
            "dyn", clock, new DynamicConfig(List.of("service.name", "name"), 10, INTERVAL, 100));
    for (int i = 0; i < 5_000; i++) {
      policy.evaluate(
          trace(randomTraceId(random), ref(resource(attr("service.name", "web")), span().build())));
    }
    clock.advance(INTERVAL);

    int webKept = 0;
    int twoSpanKept = 0;
    for (int i = 0; i < 1_000; i++) {
      webKept +=
          kept(
              policy.evaluate(
                  trace(
                      randomTraceId(random),
                      ref(resource(attr("service.name", "web")), span().build()))));
      // Same service, but a second span name: another key, not seen before.
      twoSpanKept +=
          kept(
              policy.evaluate(
                  trace(
                      randomTraceId(random),
                      ref(resource(attr("service.name", "web")), span().build()),
                      ref(resource(attr("service.name", "web")), span().setName("db").build()))));
    }

    assertThat(webKept).isLessThan(200);
    assertThat(twoSpanKept).isEqualTo(1_000);
  }

  @Test
  void anIntervalWithoutTracesForgetsTheRates() {
    DynamicPolicy policy = policy(100);
    kept(policy, "/home", StatusCode.STATUS_CODE_OK, 10_000);
    clock.advance(INTERVAL.multipliedBy(2));

    assertThat(kept(policy, "/home", StatusCode.STATUS_CODE_OK, 1_000)).isEqualTo(1_000);
  }

  @Test
  void keysBeyondMaxKeysShareTheOverflowRate() {
    DynamicPolicy policy = policy(2);
    kept(policy, "/a", StatusCode.STATUS_CODE_OK, 1_000);
    kept(policy, "/b", StatusCode.STATUS_CODE_OK, 1_000);
    for (int route = 0; route < 24; route++) {
      kept(policy, "/many/" + route, StatusCode.STATUS_CODE_OK, 100);
    }
    clock.advance(INTERVAL);

    // Never seen, but keys overflowed last interval: it gets the shared group's rate, not 1.
    assertThat(kept(policy, "/unseen", StatusCode.STATUS_CODE_OK, 1_000)).isLessThan(200);
  }

  @Test
  void twoGatewaysWithTheSameTrafficKeepTheSameTraces() {
    DynamicPolicy first = policy(100);
    DynamicPolicy second = policy(100);
    for (int i = 0; i < 5_000; i++) {
      TraceView trace = request("/home", StatusCode.STATUS_CODE_OK);
      first.evaluate(trace);
      second.evaluate(trace);
    }
    clock.advance(INTERVAL);

    for (int i = 0; i < 1_000; i++) {
      TraceView trace = request("/home", StatusCode.STATUS_CODE_OK);
      assertThat(first.evaluate(trace)).isEqualTo(second.evaluate(trace));
    }
  }

  private static int kept(Decision decision) {
    return decision.outcome() == Outcome.SAMPLE ? 1 : 0;
  }
}
