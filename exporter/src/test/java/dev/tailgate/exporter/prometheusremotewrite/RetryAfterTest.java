package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final ManualClock clock = new ManualClock(); // 2026-01-01T00:00:00Z

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse(Optional.of(" 120 "), clock)).contains(Duration.ofMinutes(2));
  }

  @Test
  void readsAnHttpDateRelativeToNow() {
    assertThat(RetryAfter.parse(Optional.of("Thu, 01 Jan 2026 00:00:10 GMT"), clock)).contains(Duration.ofSeconds(10));
  }

  @Test
  void treatsAPastDateAsNow() {
    assertThat(RetryAfter.parse(Optional.of("Wed, 31 Dec 2025 23:00:00 GMT"), clock)).contains(Duration.ZERO);
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse(Optional.of("soon"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("-5"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.empty(), clock)).isEmpty();
  }
}
