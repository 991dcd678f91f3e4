package dev.tailgate.processor.tailsampling.policy;

import java.util.List;

/**
 * {@code and}: kept when every sub-policy keeps the trace, with the product of their probabilities.
 * Stops at the first sub-policy that does not keep it, so later stateful ones (rate limits) spend
 * nothing on a trace that is not kept anyway.
 */
final class AndPolicy implements Policy {
  private final String name;
  private final List<Policy> subPolicies;

  AndPolicy(String name, List<Policy> subPolicies) {
    this.name = name;
    this.subPolicies = List.copyOf(subPolicies);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    double probability = 1;
    for (Policy policy : subPolicies) {
      Decision decision = policy.evaluate(trace);
      if (decision.outcome() != Outcome.SAMPLE) {
        return Decision.NOT_SAMPLE;
      }
      probability *= decision.probability();
    }
    return Decision.sampledWithProbability(probability);
  }
}
