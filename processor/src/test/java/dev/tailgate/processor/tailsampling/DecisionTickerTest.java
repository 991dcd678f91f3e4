package dev.tailgate.processor.tailsampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionTickerTest {

  @Test
  void ticksAtATenthOfDecisionWaitWithinBounds() {
    assertThat(DecisionTicker.tickPeriod(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1));
    assertThat(DecisionTicker.tickPeriod(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
    assertThat(DecisionTicker.tickPeriod(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(10));
  }
}
