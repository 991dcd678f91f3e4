package dev.tailgate.processor.tailsampling.policy;

/** {@code span_count}: see {@link SpanCountConfig}. */
final class SpanCountPolicy implements Policy {
  private final String name;
  private final int minSpans;
  private final int maxSpans;

  /** {@code maxSpans} 0 means no upper limit. */
  SpanCountPolicy(String name, int minSpans, int maxSpans) {
    this.name = name;
    this.minSpans = minSpans;
    this.maxSpans = maxSpans;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    int count = trace.spans().size();
    return Decision.of(count >= minSpans && (maxSpans == 0 || count <= maxSpans));
  }
}
