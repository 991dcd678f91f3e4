package dev.tailgate.bench.loadgen;

import java.util.List;

/** The whole run's totals over its measured seconds. */
public record LoadResult(
    long requests,
    long acceptedSpans,
    long rejectedSpans,
    long refusedRequests,
    long failedRequests,
    double seconds,
    LatencySummary latency) {

  static LoadResult of(List<WorkerTotals> workers, long measureStartNanos) {
    long lastFinish = measureStartNanos;
    long requests = 0;
    long accepted = 0;
    long rejected = 0;
    long refused = 0;
    long failed = 0;
    for (WorkerTotals w : workers) {
      requests += w.requests();
      accepted += w.acceptedSpans();
      rejected += w.rejectedSpans();
      refused += w.refusedRequests();
      failed += w.failedRequests();
      lastFinish = Math.max(lastFinish, w.lastFinishNanos());
    }
    return new LoadResult(
        requests,
        accepted,
        rejected,
        refused,
        failed,
        (lastFinish - measureStartNanos) / 1e9,
        LatencySummary.of(workers.stream().map(WorkerTotals::latenciesNanos).toList()));
  }

  public double acceptedSpansPerSecond() {
    return seconds > 0 ? acceptedSpans / seconds : 0;
  }
}
