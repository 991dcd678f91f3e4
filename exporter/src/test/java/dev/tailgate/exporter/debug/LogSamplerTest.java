package dev.tailgate.exporter.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogSamplerTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void admitsTheFirstBatchesOfASecondThenEveryNth() {
    LogSampler sampler = new LogSampler(clock, 2, 3);

    assertThat(admissions(sampler, 9))
        .containsExactly(true, true, false, false, true, false, false, true, false);
  }

  @Test
  void startsOverInTheNextSecond() {
    LogSampler sampler = new LogSampler(clock, 1, 100);
    admissions(sampler, 5);

    clock.advance(Duration.ofSeconds(1));

    assertThat(admissions(sampler, 2)).containsExactly(true, false);
  }

  @Test
  void admitsEveryBatchWithThereafterOne() {
    assertThat(admissions(new LogSampler(clock, 2, 1), 5)).containsOnly(true);
  }

  private static List<Boolean> admissions(LogSampler sampler, int batches) {
    List<Boolean> admitted = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      admitted.add(sampler.admit());
    }
    return admitted;
  }
}
