package dev.tailgate.processor.tailsampling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerHealthTest {
  static final Endpoint B = Endpoint.parse("10.0.0.2:4317");
  static final Endpoint C = Endpoint.parse("10.0.0.3:4317");

  final ManualClock clock = new ManualClock();
  final PeerHealth health = new PeerHealth(clock, Duration.ofSeconds(10), Duration.ofSeconds(2));

  @Test
  void aPeerFailingWithinItsGraceStaysHealthy() {
    health.track(List.of(B));
    clock.advance(Duration.ofSeconds(9));

    assertThat(health.unanswered(B)).isEqualTo(PeerHealth.Change.NONE);
    assertThat(health.healthy(B)).isTrue();
  }

  @Test
  void aPeerSilentForUnhealthyAfterBecomesUnhealthyAtItsNextFailureAndRecoversWhenItAnswers() {
    health.track(List.of(B));
    health.answered(B);
    clock.advance(Duration.ofSeconds(10));

    assertThat(health.unanswered(B)).isEqualTo(PeerHealth.Change.BECAME_UNHEALTHY);
    assertThat(health.healthy(B)).isFalse();
    assertThat(health.unanswered(B)).isEqualTo(PeerHealth.Change.NONE);
    assertThat(health.answered(B)).isEqualTo(PeerHealth.Change.RECOVERED);
    assertThat(health.healthy(B)).isTrue();
  }

  @Test
  void probesPeersNotHeardFromForAProbeInterval() {
    health.track(List.of(B, C));
    clock.advance(Duration.ofSeconds(1));
    health.answered(B);
    clock.advance(Duration.ofSeconds(1));

    assertThat(health.dueForProbe()).containsExactly(C);
  }

  @Test
  void forgetsPeersNoLongerTracked() {
    health.track(List.of(B, C));
    health.track(List.of(C));

    assertThat(health.healthy(B)).isFalse();
    assertThat(health.answered(B)).isEqualTo(PeerHealth.Change.NONE);
    assertThat(health.healthy(C)).isTrue();
  }
}
