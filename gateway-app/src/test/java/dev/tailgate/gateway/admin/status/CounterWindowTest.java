package dev.tailgate.gateway.admin.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterWindowTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final SeriesKey SENT =
      new SeriesKey("tailgate.exporter.sent.spans", Map.of("exporter", "otlp"));

  static CounterReading at(int second, double sent) {
    return new CounterReading(T0.plusSeconds(second), Map.of(SENT, sent));
  }

  @Test
  void measuresFromTheNewestReadingThatIsAtLeastTheSpanOld() {
    CounterWindow window = new CounterWindow(Duration.ofSeconds(60));
    for (int second = 0; second <= 70; second += 5) {
      window.add(at(second, second * 10));
    }

    CounterReading baseline = window.baseline(at(71, 710));

    assertThat(baseline.at()).isEqualTo(T0.plusSeconds(10));
    assertThat(baseline.sum(SENT.name(), Map.of("exporter", "otlp"))).isEqualTo(100);
    assertThat(window.size()).isEqualTo(13);
  }

  @Test
  void keepsEveryReadingWhileTheWindowIsNotYetFull() {
    CounterWindow window = new CounterWindow(Duration.ofSeconds(60));
    window.add(at(0, 0));
    window.add(at(30, 300));

    assertThat(window.baseline(at(31, 310)).at()).isEqualTo(T0);
    assertThat(window.size()).isEqualTo(2);
  }

  @Test
  void beforeTheFirstReadingTheChangeIsMeasuredFromTheCurrentReading() {
    CounterWindow window = new CounterWindow(Duration.ofSeconds(60));
    CounterReading current = at(3, 30);

    assertThat(window.baseline(current)).isSameAs(current);
  }

  @Test
  void sumsTheSeriesThatCarryTheRequiredTagsAndIgnoresOthers() {
    SeriesKey grpc =
        new SeriesKey(
            "tailgate.receiver.accepted.spans", Map.of("receiver", "otlp", "transport", "grpc"));
    SeriesKey http =
        new SeriesKey(
            "tailgate.receiver.accepted.spans", Map.of("receiver", "otlp", "transport", "http"));
    SeriesKey other =
        new SeriesKey(
            "tailgate.receiver.accepted.spans", Map.of("receiver", "otlp/b", "transport", "grpc"));
    CounterReading reading = new CounterReading(T0, Map.of(grpc, 3.0, http, 4.0, other, 100.0));

    assertThat(reading.sum("tailgate.receiver.accepted.spans", Map.of("receiver", "otlp")))
        .isEqualTo(7);
    assertThat(reading.sum("tailgate.receiver.refused.spans", Map.of("receiver", "otlp"))).isZero();
  }
}
