package dev.tailgate.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class LoadWorkerTest {

  /** Each reading of the clock advances it by 10 ns, so every request takes 10 ns. */
  private static LongSupplier steppingClock() {
    long[] now = {0};
    return () -> {
      long t = now[0];
      now[0] += 10;
      return t;
    };
  }

  private static final class ScriptedSender implements TraceSender {
    private final Iterator<SendResult> results;
    final List<Integer> payloads = new ArrayList<>();

    ScriptedSender(List<SendResult> results) {
      this.results = results.iterator();
    }

    @Override
    public SendResult send(int payloadIndex) {
      payloads.add(payloadIndex);
      return results.hasNext() ? results.next() : SendResult.accepted(0);
    }

    @Override
    public void close() {}
  }

  @Test
  void countsOnlyRequestsStartedAfterWarmupAndStopsAtEnd() {
    ScriptedSender sender = new ScriptedSender(List.of());
    // Clock readings: 0 (start), 10, 20, ... ; warm-up until 30, end at 100.
    LoadWorker worker = new LoadWorker(sender, 100, 30, 100, 5, steppingClock());

    WorkerTotals totals = worker.call();

    // Requests start at 0,10,20 (warm-up) and 30..90 (measured): 10 sent, 7 counted.
    assertThat(sender.payloads).hasSize(10).startsWith(5, 6, 7);
    assertThat(totals.requests()).isEqualTo(7);
    assertThat(totals.acceptedSpans()).isEqualTo(700);
    assertThat(totals.latenciesNanos()).hasSize(7).containsOnly(10L);
    assertThat(totals.lastFinishNanos()).isEqualTo(100);
  }

  @Test
  void separatesRefusedFailedAndPartiallyRejected() {
    ScriptedSender sender =
        new ScriptedSender(
            List.of(
                SendResult.accepted(0),
                SendResult.accepted(25),
                SendResult.REFUSED,
                SendResult.FAILED,
                SendResult.REFUSED));
    LoadWorker worker = new LoadWorker(sender, 100, 0, 50, 0, steppingClock());

    WorkerTotals totals = worker.call();

    assertThat(totals.requests()).isEqualTo(5);
    assertThat(totals.acceptedSpans()).isEqualTo(175);
    assertThat(totals.rejectedSpans()).isEqualTo(25);
    assertThat(totals.refusedRequests()).isEqualTo(2);
    assertThat(totals.failedRequests()).isEqualTo(1);
  }

  @Test
  void resultSpansPerSecondCoverMeasuredWindow() {
    WorkerTotals a = new WorkerTotals(10, 1_000, 0, 0, 0, 1_500_000_000L, new long[] {1, 2});
    WorkerTotals b = new WorkerTotals(10, 1_000, 0, 1, 0, 2_500_000_000L, new long[] {3});

    LoadResult result = LoadResult.of(List.of(a, b), 500_000_000L);

    assertThat(result.seconds()).isEqualTo(2.0);
    assertThat(result.acceptedSpansPerSecond()).isEqualTo(1_000.0);
    assertThat(result.refusedRequests()).isEqualTo(1);
    assertThat(result.latency().count()).isEqualTo(3);
  }
}
