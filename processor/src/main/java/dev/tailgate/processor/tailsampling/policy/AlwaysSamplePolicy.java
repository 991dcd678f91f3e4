package dev.tailgate.processor.tailsampling.policy;

/** {@code always_sample}. */
final class AlwaysSamplePolicy implements Policy {
  private final String name;

  AlwaysSamplePolicy(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    return Decision.SAMPLE;
  }
}
