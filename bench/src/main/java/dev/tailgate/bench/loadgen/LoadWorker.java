package dev.tailgate.bench.loadgen;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Sends requests back to back until the end time. Requests that start before the measurement start
 * are warm-up: sent, but not counted. After a retryable refusal the worker pauses, as an SDK backs
 * off before it retries: a closed loop that hammered a refusing gateway would measure the load
 * generator's spin, not the gateway.
 */
final class LoadWorker implements Callable<WorkerTotals> {
  private final TraceSender sender;
  private final int spansPerRequest;
  private final long measureStartNanos;
  private final long endNanos;
  private final int firstPayload;
  private final LongSupplier ticker;
  private final Duration refusalPause;

  LoadWorker(
      TraceSender sender,
      int spansPerRequest,
      long measureStartNanos,
      long endNanos,
      int firstPayload,
      LongSupplier ticker) {
    this(sender, spansPerRequest, measureStartNanos, endNanos, firstPayload, ticker, Duration.ZERO);
  }

  LoadWorker(
      TraceSender sender,
      int spansPerRequest,
      long measureStartNanos,
      long endNanos,
      int firstPayload,
      LongSupplier ticker,
      Duration refusalPause) {
    this.refusalPause = refusalPause;
    this.sender = sender;
    this.spansPerRequest = spansPerRequest;
    this.measureStartNanos = measureStartNanos;
    this.endNanos = endNanos;
    this.firstPayload = firstPayload;
    this.ticker = ticker;
  }

  @Override
  public WorkerTotals call() {
    LatencyRecorder latencies = new LatencyRecorder();
    long requests = 0;
    long acceptedSpans = 0;
    long rejectedSpans = 0;
    long refused = 0;
    long failed = 0;
    long lastFinish = measureStartNanos;
    int payload = firstPayload;
    long start = ticker.getAsLong();
    while (start < endNanos) {
      SendResult result = sender.send(payload++);
      long finish = ticker.getAsLong();
      if (start >= measureStartNanos) {
        requests++;
        latencies.record(finish - start);
        lastFinish = finish;
        switch (result.outcome()) {
          case ACCEPTED -> {
            acceptedSpans += spansPerRequest - result.rejectedSpans();
            rejectedSpans += result.rejectedSpans();
          }
          case REFUSED -> refused++;
          case FAILED -> failed++;
        }
      }
      if (result.outcome() == SendResult.Outcome.REFUSED && !refusalPause.isZero()) {
        try {
          Thread.sleep(refusalPause.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        finish = ticker.getAsLong();
      }
      start = finish;
    }
    return new WorkerTotals(
        requests, acceptedSpans, rejectedSpans, refused, failed, lastFinish, latencies.toArray());
  }
}
