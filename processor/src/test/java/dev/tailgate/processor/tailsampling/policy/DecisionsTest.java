package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.traceOfSpans;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionsTest {

  @Test
  void anyDropWinsAndNamesTheFirstDroppingPolicy() {
    Verdict verdict =
        Decisions.combine(
            List.of(Decision.SAMPLE, Decision.DROP, Decision.NOT_SAMPLE, Decision.DROP));

    assertThat(verdict).isEqualTo(new Verdict(Decision.DROP, 1));
  }

  @Test
  void theSampleWithTheHighestProbabilityWins() {
    Verdict verdict =
        Decisions.combine(
            List.of(
                Decision.sampledWithProbability(0.1),
                Decision.NOT_SAMPLE,
                Decision.sampledWithProbability(0.5),
                Decision.sampledWithProbability(0.5)));

    assertThat(verdict).isEqualTo(new Verdict(Decision.sampledWithProbability(0.5), 2));
    assertThat(verdict.madeByPolicy()).isTrue();
  }

  @Test
  void noSampleMeansNotSampledByNoPolicy() {
    Verdict verdict = Decisions.combine(List.of(Decision.NOT_SAMPLE, Decision.NOT_SAMPLE));

    assertThat(verdict).isEqualTo(Verdict.NOT_SAMPLED);
    assertThat(verdict.madeByPolicy()).isFalse();
    assertThat(Decisions.combine(List.of())).isEqualTo(Verdict.NOT_SAMPLED);
  }

  @Test
  void evaluateAsksEveryPolicyEvenAfterOneKeptTheTrace() {
    List<String> asked = new ArrayList<>();
    Policy first = recording("first", Decision.SAMPLE, asked);
    Policy second = recording("second", Decision.NOT_SAMPLE, asked);

    Verdict verdict = Decisions.evaluate(List.of(first, second), traceOfSpans(1));

    assertThat(asked).containsExactly("first", "second");
    assertThat(verdict).isEqualTo(new Verdict(Decision.SAMPLE, 0));
  }

  private static Policy recording(String name, Decision decision, List<String> asked) {
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Decision evaluate(TraceView trace) {
        asked.add(name);
        return decision;
      }
    };
  }
}
