package dev.tailgate.bench.loadgen;

import java.util.Arrays;

/** Every latency of one worker, kept exactly; a run's few hundred thousand longs fit easily. */
final class LatencyRecorder {
  private long[] nanos = new long[1024];
  private int count;

  void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, nanos.length * 2);
    }
    nanos[count++] = latencyNanos;
  }

  long[] toArray() {
    return Arrays.copyOf(nanos, count);
  }
}
