package dev.tailgate.processor.tailsampling.policy;

import java.util.ArrayList;
import java.util.List;

/** How the decisions of the top-level policies make one verdict. */
public final class Decisions {
  private Decisions() {}

  /**
   * Any DROP wins (the first one), else the SAMPLE with the highest probability, else NOT_SAMPLE.
   */
  public static Verdict combine(List<Decision> decisions) {
    int kept = Verdict.NONE;
    for (int i = 0; i < decisions.size(); i++) {
      Decision decision = decisions.get(i);
      if (decision.outcome() == Outcome.DROP) {
        return new Verdict(decision, i);
      }
      if (decision.outcome() == Outcome.SAMPLE
          && (kept == Verdict.NONE || decision.probability() > decisions.get(kept).probability())) {
        kept = i;
      }
    }
    return kept == Verdict.NONE ? Verdict.NOT_SAMPLED : new Verdict(decisions.get(kept), kept);
  }

  /**
   * Evaluates every policy, in order, and combines their decisions. All are evaluated even once one
   * keeps the trace, so stateful policies (rate limits, dynamic counts) see every trace.
   */
  public static Verdict evaluate(List<Policy> policies, TraceView trace) {
    List<Decision> decisions = new ArrayList<>(policies.size());
    for (Policy policy : policies) {
      decisions.add(policy.evaluate(trace));
    }
    return combine(decisions);
  }
}
