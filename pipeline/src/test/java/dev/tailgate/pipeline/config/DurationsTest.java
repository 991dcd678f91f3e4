package dev.tailgate.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "200ms, 200000000",
    "5s, 5000000000",
    "1m30s, 90000000000",
    "1h, 3600000000000",
    "0, 0",
    "0s, 0",
    "500us, 500000",
    "500µs, 500000",
    "250ns, 250",
    "1.5s, 1500000000",
    "1h2m3s4ms, 3723004000000",
  })
  void parsesGoStyleDurations(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @Test
  void ignoresSurroundingBlanks() {
    assertThat(Durations.parse(" 5s ")).isEqualTo(Duration.ofSeconds(5));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"5", "5 s", "five seconds", "s", "5d", "-5s", "1m30", "1.s", "", "  "})
  void refusesAnythingElseWithExamples(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"" + text + "\" is not a duration (examples: 200ms, 5s, 1m30s, 1h)");
  }

  @Test
  void formatsTheShortestSpelling() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("1500ns");
  }
}
