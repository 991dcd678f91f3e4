package dev.tailgate.bench.loadgen;

import java.util.Arrays;
import java.util.List;

/** Percentiles by nearest rank over all recorded latencies. */
public record LatencySummary(long count, long p50Nanos, long p99Nanos, long maxNanos) {

  static LatencySummary of(List<long[]> perWorker) {
    long[] all = perWorker.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    if (all.length == 0) {
      return new LatencySummary(0, 0, 0, 0);
    }
    return new LatencySummary(
        all.length, nearestRank(all, 0.50), nearestRank(all, 0.99), all[all.length - 1]);
  }

  private static long nearestRank(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
