package dev.tailgate.pipeline.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.ManualClock;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final ManualClock clock = new ManualClock(); // 2026-01-01T00:00:00Z

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse(" 120 ", clock)).contains(Duration.ofMinutes(2));
  }

  @Test
  void readsAnHttpDateAsTheTimeLeftUntilIt() {
    assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:10 GMT", clock))
        .contains(Duration.ofSeconds(10));
  }

  @Test
  void treatsAPastDateAsNow() {
    assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", clock)).contains(Duration.ZERO);
  }

  @Test
  void ignoresMissingOrUnreadableValues() {
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
    assertThat(RetryAfter.parse(" ", clock)).isEmpty();
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-5", clock)).isEmpty();
  }

  @Test
  void readsTheHeaderOfAResponse() {
    HttpHeaders headers =
        HttpHeaders.of(Map.of("retry-after", List.of("30")), (name, value) -> true);

    assertThat(RetryAfter.of(headers, clock)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.of(HttpHeaders.of(Map.of(), (name, value) -> true), clock)).isEmpty();
  }
}
