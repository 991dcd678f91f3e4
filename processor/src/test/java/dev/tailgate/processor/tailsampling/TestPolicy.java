package dev.tailgate.processor.tailsampling;

import dev.tailgate.processor.tailsampling.policy.Decision;
import dev.tailgate.processor.tailsampling.policy.Policy;
import dev.tailgate.processor.tailsampling.policy.TraceView;
import java.util.function.Function;

/** A policy made of a name and a function, for tests of the processor around the policies. */
record TestPolicy(String name, Function<TraceView, Decision> rule) implements Policy {

  static TestPolicy always(String name) {
    return new TestPolicy(name, trace -> Decision.SAMPLE);
  }

  static TestPolicy never(String name) {
    return new TestPolicy(name, trace -> Decision.NOT_SAMPLE);
  }

  /** Keeps traces with a span of this name. */
  static TestPolicy spanNamed(String name, String spanName) {
    return new TestPolicy(
        name,
        trace ->
            Decision.of(trace.spans().stream().anyMatch(s -> s.span().getName().equals(spanName))));
  }

  @Override
  public Decision evaluate(TraceView trace) {
    return rule.apply(trace);
  }
}
