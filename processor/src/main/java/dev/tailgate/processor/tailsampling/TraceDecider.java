package dev.tailgate.processor.tailsampling;

import dev.tailgate.processor.tailsampling.policy.Decision;
import dev.tailgate.processor.tailsampling.policy.Decisions;
import dev.tailgate.processor.tailsampling.policy.Outcome;
import dev.tailgate.processor.tailsampling.policy.Policy;
import dev.tailgate.processor.tailsampling.policy.TraceView;
import dev.tailgate.processor.tailsampling.policy.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every policy about a trace, counts each one's word, and combines them with {@link
 * Decisions#combine}. A policy that fails counts as not sampling, so one broken rule does not stop
 * the others from deciding.
 */
final class TraceDecider {
  private static final Logger log = LoggerFactory.getLogger(TraceDecider.class);

  private final TailSamplingMetrics metrics;

  TraceDecider(TailSamplingMetrics metrics) {
    this.metrics = metrics;
  }

  SamplingVerdict decide(List<Policy> policies, TraceView trace) {
    List<Decision> decisions = new ArrayList<>(policies.size());
    for (Policy policy : policies) {
      decisions.add(evaluate(policy, trace));
    }
    Verdict verdict = Decisions.combine(decisions);
    if (verdict.decision().outcome() != Outcome.SAMPLE) {
      return SamplingVerdict.NOT_SAMPLED;
    }
    return SamplingVerdict.sampledBy(
        policies.get(verdict.policyIndex()).name(), verdict.decision().probability());
  }

  private Decision evaluate(Policy policy, TraceView trace) {
    try {
      Decision decision = policy.evaluate(trace);
      metrics.policyDecision(policy.name(), decision.outcome());
      return decision;
    } catch (RuntimeException e) {
      metrics.policyError(policy.name());
      log.warn(
          "tail_sampling policy {} failed on a trace; counting it as not sampled",
          policy.name(),
          e);
      return Decision.NOT_SAMPLE;
    }
  }
}
