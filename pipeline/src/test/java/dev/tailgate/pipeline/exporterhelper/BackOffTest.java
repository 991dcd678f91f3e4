package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackOffTest {

  private static RetryConfig retry(double multiplier, double randomization) {
    return new RetryConfig(
        true,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        multiplier,
        randomization);
  }

  private static List<Duration> delays(BackOff backOff, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backOff.next());
    }
    return delays;
  }

  @Test
  void intervalGrowsByTheMultiplierUpToMaxInterval() {
    BackOff backOff = new BackOff(retry(2, 0.5), () -> 0.5);

    assertThat(delays(backOff, 6))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void lowestRandomGivesTheIntervalLessTheRandomizationFactor() {
    BackOff backOff = new BackOff(retry(2, 0.5), () -> 0.0);

    assertThat(delays(backOff, 4))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMillis(2500));
  }

  @Test
  void highestRandomStaysBelowTheIntervalPlusTheRandomizationFactor() {
    double highest = Math.nextDown(1.0);
    BackOff backOff = new BackOff(retry(2, 0.5), () -> highest);

    List<Duration> delays = delays(backOff, 4);

    List<Duration> bounds =
        List.of(
            Duration.ofMillis(1500),
            Duration.ofSeconds(3),
            Duration.ofSeconds(6),
            Duration.ofMillis(7500));
    for (int i = 0; i < delays.size(); i++) {
      assertThat(delays.get(i))
          .isLessThanOrEqualTo(bounds.get(i))
          .isGreaterThan(bounds.get(i).minusMillis(1));
    }
  }

  @Test
  void everyDelayStaysWithinItsBoundsWhateverTheRandom() {
    double[] randoms = {0.0, 0.13, 0.5, 0.77, 0.999};
    int[] next = {0};
    BackOff backOff = new BackOff(retry(1.5, 0.25), () -> randoms[next[0]++ % randoms.length]);

    double interval = 1_000;
    for (int i = 0; i < 10; i++) {
      long millis = backOff.next().toMillis();
      assertThat(millis).isBetween((long) (interval * 0.75) - 1, (long) (interval * 1.25));
      interval = Math.min(interval * 1.5, 5_000);
    }
  }

  @Test
  void noRandomizationGivesTheIntervalItself() {
    BackOff backOff = new BackOff(retry(3, 0), () -> 0.99);

    assertThat(delays(backOff, 3))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  @Test
  void eachBatchStartsFromTheInitialInterval() {
    RetryConfig config = retry(2, 0);
    BackOff first = new BackOff(config, () -> 0.5);
    delays(first, 3);

    assertThat(new BackOff(config, () -> 0.5).next()).isEqualTo(Duration.ofSeconds(1));
  }
}
