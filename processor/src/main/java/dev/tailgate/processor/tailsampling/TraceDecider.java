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
 * the others from deciding. With {@code sample_on_first_match} it asks the vetoing policies ({@code
 * drop}) first, then the others in order, and stops at the first that keeps the trace: the ones
 * after it are not asked (a rate limit after it spends nothing), as in the Collector.
 */
final class TraceDecider {
  private static final Logger log = LoggerFactory.getLogger(TraceDecider.class);

  private final TailSamplingMetrics metrics;
  private final boolean sampleOnFirstMatch;

  TraceDecider(TailSamplingMetrics metrics, boolean sampleOnFirstMatch) {
    this.metrics = metrics;
    this.sampleOnFirstMatch = sampleOnFirstMatch;
  }

  SamplingVerdict decide(List<Policy> policies, TraceView trace) {
    if (sampleOnFirstMatch) {
      return firstMatch(policies, trace);
    }
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

  private SamplingVerdict firstMatch(List<Policy> policies, TraceView trace) {
    for (Policy policy : policies) {
      if (policy.vetoes() && evaluate(policy, trace).outcome() == Outcome.DROP) {
        return SamplingVerdict.NOT_SAMPLED;
      }
    }
    for (Policy policy : policies) {
      if (policy.vetoes()) {
        continue;
      }
      Decision decision = evaluate(policy, trace);
      if (decision.outcome() == Outcome.DROP) {
        return SamplingVerdict.NOT_SAMPLED;
      }
      if (decision.outcome() == Outcome.SAMPLE) {
        return SamplingVerdict.sampledBy(policy.name(), decision.probability());
      }
    }
    return SamplingVerdict.NOT_SAMPLED;
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
