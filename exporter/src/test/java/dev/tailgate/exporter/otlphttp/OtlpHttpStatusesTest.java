package dev.tailgate.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpHttpStatusesTest {
  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  private final OtlpHttpStatuses statuses = new OtlpHttpStatuses(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void takesEvery2xxAsSuccess() {
    assertThat(OtlpHttpStatuses.succeeded(200)).isTrue();
    assertThat(OtlpHttpStatuses.succeeded(202)).isTrue();
    assertThat(OtlpHttpStatuses.succeeded(204)).isTrue();
    assertThat(OtlpHttpStatuses.succeeded(302)).isFalse();
  }

  @Test
  void retriesOnlyTheStatusesTheOtlpSpecCallsRetryable() {
    for (int status : List.of(429, 502, 503, 504)) {
      assertThat(statuses.failure(status, headers(Map.of()), "x"))
          .as("HTTP %d", status)
          .isInstanceOf(RetryableException.class);
    }
  }

  @Test
  void givesUpOnEveryOtherFailureIncluding500() {
    for (int status : List.of(400, 401, 403, 404, 405, 413, 415, 500, 501, 505)) {
      assertThat(statuses.failure(status, headers(Map.of()), "x"))
          .as("HTTP %d", status)
          .isInstanceOf(PermanentException.class);
    }
  }

  @Test
  void waitsAsRetryAfterSaysInSecondsOrAsADate() {
    assertThat(retryAfter(503, "7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(retryAfter(429, "Mon, 05 Jan 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void leavesTheDelayToBackoffWithoutAReadableRetryAfter() {
    assertThat(retryableFailure(503, Map.of()).retryAfter()).isEmpty();
    assertThat(retryableFailure(503, Map.of("Retry-After", List.of("soon"))).retryAfter())
        .isEmpty();
  }

  private Duration retryAfter(int status, String value) {
    return retryableFailure(status, Map.of("Retry-After", List.of(value)))
        .retryAfter()
        .orElseThrow();
  }

  private RetryableException retryableFailure(int status, Map<String, List<String>> headers) {
    ConsumerException failure = statuses.failure(status, headers(headers), "x");
    assertThat(failure).isInstanceOf(RetryableException.class);
    return (RetryableException) failure;
  }

  private static HttpHeaders headers(Map<String, List<String>> headers) {
    return HttpHeaders.of(headers, (name, value) -> true);
  }
}
