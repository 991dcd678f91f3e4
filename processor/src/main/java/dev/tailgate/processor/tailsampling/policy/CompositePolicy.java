package dev.tailgate.processor.tailsampling.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code composite}: sub-policies are tried in order; the first one that keeps the trace and whose
 * share of the spans per second (and the composite's total) still has room for the trace's spans
 * keeps it, with that sub-policy's decision. Shares start over each second of the clock.
 *
 * <p>Unlike the Collector, which stops at the first sub-policy that keeps the trace even when its
 * share is spent (open-telemetry/opentelemetry-collector-contrib#36959), a spent share lets the
 * later sub-policies try: that is how "always_sample last fills the remaining capacity" works.
 */
final class CompositePolicy implements Policy {
  /** One sub-policy with its share. */
  record Share(Policy policy, long spansPerSecond) {}

  private final String name;
  private final List<Allotted> subPolicies;
  private final PerSecondBudget total;

  CompositePolicy(String name, Clock clock, long maxTotalSpansPerSecond, List<Share> shares) {
    this.name = name;
    this.total = new PerSecondBudget(clock, maxTotalSpansPerSecond);
    this.subPolicies = new ArrayList<>();
    for (Share share : shares) {
      subPolicies.add(
          new Allotted(share.policy(), new PerSecondBudget(clock, share.spansPerSecond())));
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    long spans = trace.spans().size();
    for (Allotted sub : subPolicies) {
      Decision decision = sub.policy().evaluate(trace);
      if (decision.outcome() == Outcome.SAMPLE && sub.budget().fits(spans) && total.fits(spans)) {
        sub.budget().take(spans);
        total.take(spans);
        return decision;
      }
    }
    return Decision.NOT_SAMPLE;
  }

  private record Allotted(Policy policy, PerSecondBudget budget) {}
}
