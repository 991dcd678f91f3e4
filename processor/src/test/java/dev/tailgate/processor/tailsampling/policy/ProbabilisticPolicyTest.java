package dev.tailgate.processor.tailsampling.policy;

import static dev.tailgate.processor.tailsampling.policy.TestTraces.randomTraceId;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.ref;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.span;
import static dev.tailgate.processor.tailsampling.policy.TestTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProbabilisticPolicyTest {
  private static final String SALT = ProbabilisticConfig.DEFAULT_HASH_SALT;

  private static List<ByteString> traceIds(int count, long seed) {
    Random random = new Random(seed);
    List<ByteString> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(randomTraceId(random));
    }
    return ids;
  }

  private static List<Boolean> decisions(Policy policy, List<ByteString> ids) {
    return ids.stream()
        .map(id -> policy.evaluate(trace(id, ref(span().build()))).outcome() == Outcome.SAMPLE)
        .toList();
  }

  @Test
  void keepsTheConfiguredShareOfRandomTraceIds() {
    Policy policy = new ProbabilisticPolicy("some", SALT, 10);

    long kept = decisions(policy, traceIds(10_000, 42)).stream().filter(k -> k).count();

    assertThat(kept / 10_000.0).isCloseTo(0.10, within(0.02));
  }

  @Test
  void keepsTheShareForOtherPercentagesToo() {
    List<ByteString> ids = traceIds(10_000, 7);

    for (double percent : new double[] {1, 25, 50, 90}) {
      long kept =
          decisions(new ProbabilisticPolicy("p", "salt", percent), ids).stream()
              .filter(k -> k)
              .count();
      assertThat(kept / 10_000.0).as("%s%%", percent).isCloseTo(percent / 100, within(0.02));
    }
  }

  @Test
  void twoGatewaysWithTheSameSaltDecideAlike() {
    List<ByteString> ids = traceIds(2_000, 1);

    assertThat(decisions(new ProbabilisticPolicy("a", "s1", 30), ids))
        .isEqualTo(decisions(new ProbabilisticPolicy("b", "s1", 30), ids));
  }

  @Test
  void anotherSaltPicksOtherTraces() {
    List<ByteString> ids = traceIds(2_000, 1);

    assertThat(decisions(new ProbabilisticPolicy("a", "s1", 30), ids))
        .isNotEqualTo(decisions(new ProbabilisticPolicy("b", "s2", 30), ids));
  }

  @Test
  void aHigherPercentageKeepsEveryTraceALowerOneKept() {
    List<ByteString> ids = traceIds(2_000, 3);
    List<Boolean> low = decisions(new ProbabilisticPolicy("low", SALT, 10), ids);
    List<Boolean> high = decisions(new ProbabilisticPolicy("high", SALT, 40), ids);

    for (int i = 0; i < ids.size(); i++) {
      if (low.get(i)) {
        assertThat(high.get(i)).as("trace %d", i).isTrue();
      }
    }
  }

  @Test
  void decisionCarriesThePercentageAsProbability() {
    Policy all = new ProbabilisticPolicy("all", SALT, 100);
    Policy none = new ProbabilisticPolicy("none", SALT, 0);

    assertThat(all.evaluate(trace(ref(span().build()))))
        .isEqualTo(Decision.sampledWithProbability(1.0));
    assertThat(none.evaluate(trace(ref(span().build())))).isEqualTo(Decision.NOT_SAMPLE);
    Policy eighth = new ProbabilisticPolicy("p", SALT, 12.5);
    Decision kept =
        traceIds(100, 5).stream()
            .map(id -> eighth.evaluate(trace(id, ref(span().build()))))
            .filter(d -> d.outcome() == Outcome.SAMPLE)
            .findFirst()
            .orElseThrow();
    assertThat(kept.probability()).isEqualTo(0.125);
  }

  @Test
  void hashIsSaltedFnv1a64() {
    // Published FNV-1a 64 vectors: "" and "a" (here as an empty salt and id "a", and salt "a").
    assertThat(new TraceIdHash("").hash(ByteString.EMPTY)).isEqualTo(0xcbf29ce484222325L);
    assertThat(new TraceIdHash("").hash(ByteString.copyFromUtf8("a")))
        .isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(new TraceIdHash("a").hash(ByteString.EMPTY)).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(new TraceIdHash("foo").hash(ByteString.copyFromUtf8("bar")))
        .isEqualTo(new TraceIdHash("").hash(ByteString.copyFrom("foobar", StandardCharsets.UTF_8)));
  }
}
