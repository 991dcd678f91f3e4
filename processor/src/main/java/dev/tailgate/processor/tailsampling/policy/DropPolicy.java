package dev.tailgate.processor.tailsampling.policy;

import java.util.List;

/**
 * {@code drop}: DROP when every sub-policy keeps the trace (stopping at the first that does not),
 * else NOT_SAMPLE.
 */
final class DropPolicy implements Policy {
  private final String name;
  private final List<Policy> subPolicies;

  DropPolicy(String name, List<Policy> subPolicies) {
    this.name = name;
    this.subPolicies = List.copyOf(subPolicies);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean vetoes() {
    return true;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    for (Policy policy : subPolicies) {
      if (policy.evaluate(trace).outcome() != Outcome.SAMPLE) {
        return Decision.NOT_SAMPLE;
      }
    }
    return Decision.DROP;
  }
}
