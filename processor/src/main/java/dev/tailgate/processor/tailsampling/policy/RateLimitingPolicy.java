package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;

/**
 * {@code rate_limiting}: a trace is kept if its spans fit what is left of {@code spans_per_second}
 * in the clock's current second. A refused trace takes nothing, so a smaller one may still fit.
 */
final class RateLimitingPolicy implements Policy {
  private final String name;
  private final PerSecondBudget budget;

  RateLimitingPolicy(String name, Clock clock, long spansPerSecond) {
    this.name = name;
    this.budget = new PerSecondBudget(clock, spansPerSecond);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    return Decision.of(budget.tryTake(trace.spans().size()));
  }
}
