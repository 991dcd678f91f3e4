package dev.tailgate.bench.loadgen;

/** What one worker counted during the measured part of the run. */
record WorkerTotals(
    long requests,
    long acceptedSpans,
    long rejectedSpans,
    long refusedRequests,
    long failedRequests,
    long lastFinishNanos,
    long[] latenciesNanos) {}
