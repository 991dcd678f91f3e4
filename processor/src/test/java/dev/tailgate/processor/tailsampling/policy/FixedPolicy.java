package dev.tailgate.processor.tailsampling.policy;

/** A policy that always gives the same decision. */
record FixedPolicy(String name, Decision decision) implements Policy {
  static FixedPolicy of(Decision decision) {
    return new FixedPolicy("fixed", decision);
  }

  @Override
  public Decision evaluate(TraceView trace) {
    return decision;
  }
}
