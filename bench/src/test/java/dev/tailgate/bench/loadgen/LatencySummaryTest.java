package dev.tailgate.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void takesNearestRankPercentilesAcrossWorkers() {
    long[] odd = LongStream.rangeClosed(1, 100).filter(n -> n % 2 == 1).toArray();
    long[] even = LongStream.rangeClosed(1, 100).filter(n -> n % 2 == 0).toArray();

    LatencySummary summary = LatencySummary.of(List.of(even, odd));

    assertThat(summary).isEqualTo(new LatencySummary(100, 50, 99, 100));
  }

  @Test
  void isZeroWhenNothingWasRecorded() {
    assertThat(LatencySummary.of(List.of(new long[0]))).isEqualTo(new LatencySummary(0, 0, 0, 0));
  }
}
