package dev.tailgate.processor.tailsampling.policy;

/** {@code latency}: see {@link LatencyConfig}. */
final class LatencyPolicy implements Policy {
  private final String name;
  private final long thresholdMs;
  private final long upperThresholdMs;

  /** {@code upperThresholdMs} 0 means no upper bound. */
  LatencyPolicy(String name, long thresholdMs, long upperThresholdMs) {
    this.name = name;
    this.thresholdMs = thresholdMs;
    this.upperThresholdMs = upperThresholdMs;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Decision evaluate(TraceView trace) {
    if (trace.spans().isEmpty()) {
      return Decision.NOT_SAMPLE;
    }
    long earliestStart = Long.MAX_VALUE;
    long latestEnd = Long.MIN_VALUE;
    for (SpanRef ref : trace.spans()) {
      earliestStart = Math.min(earliestStart, ref.startTimeUnixNano());
      latestEnd = Math.max(latestEnd, ref.endTimeUnixNano());
    }
    // Whole milliseconds, as the Collector compares them: 1000.4ms is within an upper bound of
    // 1000.
    long durationMs = Math.max(0, latestEnd - earliestStart) / 1_000_000;
    boolean sampled =
        durationMs >= thresholdMs && (upperThresholdMs == 0 || durationMs <= upperThresholdMs);
    return Decision.of(sampled);
  }
}
