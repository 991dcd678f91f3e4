package dev.tailgate.bench.loadgen;

import java.util.Locale;

/** Human-readable lines, then one {@code spans=N seconds=S} line for scripts. */
final class LoadReport {
  private LoadReport() {}

  static String format(LoadOptions options, int bytesPerRequest, LoadResult r) {
    LatencySummary l = r.latency();
    return String.format(
        Locale.ROOT,
        "protocol=%s endpoint=%s concurrency=%d spans/request=%d attributes/span=%d"
            + " bytes/request=%d%nrequests:        %d (refused %d, failed %d)%naccepted spans:  %d"
            + " (rejected by partial success %d)%nthroughput:      %.0f spans/s over %.2f"
            + " s%nlatency:         p50 %.2f ms, p99 %.2f ms, max %.2f ms%nspans=%d seconds=%.3f",
        options.protocol().name().toLowerCase(Locale.ROOT),
        options.endpoint(),
        options.concurrency(),
        options.spansPerRequest(),
        options.attributesPerSpan(),
        bytesPerRequest,
        r.requests(),
        r.refusedRequests(),
        r.failedRequests(),
        r.acceptedSpans(),
        r.rejectedSpans(),
        r.acceptedSpansPerSecond(),
        r.seconds(),
        l.p50Nanos() / 1e6,
        l.p99Nanos() / 1e6,
        l.maxNanos() / 1e6,
        r.acceptedSpans(),
        r.seconds());
  }
}
