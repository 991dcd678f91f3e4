package dev.tailgate.processor.tailsampling.policy;

/**
 * {@code not}: kept when the sub-policy does not keep the trace and the other way round; a DROP
 * stays a DROP. The kept traces' probability is 1: the sub-policy's verdict on them says nothing
 * about how many like them were kept.
 */
final class NotPolicy implements Policy {
  private final String name;
  private final Policy subPolicy;

  NotPolicy(String name, Policy subPolicy) {
    this.name = name;
    this.subPolicy = subPolicy;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    Decision decision = subPolicy.evaluate(trace);
    return switch (decision.outcome()) {
      case SAMPLE -> Decision.NOT_SAMPLE;
      case NOT_SAMPLE -> Decision.SAMPLE;
      case DROP -> decision;
    };
  }
}
