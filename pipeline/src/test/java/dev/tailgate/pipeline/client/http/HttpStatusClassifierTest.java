package dev.tailgate.pipeline.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.testing.ManualClock;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpStatusClassifierTest {
  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

  private final ManualClock clock = new ManualClock(); // 2026-01-01T00:00:00Z
  private final HttpStatusClassifier classifier = new HttpStatusClassifier(clock);

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 204, 299})
  void takes2xxAsSent(int status) {
    assertThat(HttpStatusClassifier.succeeded(status)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void retriesThrottlingAndServerErrors(int status) {
    ConsumerException e = classifier.failure(status, NONE, "HTTP " + status);

    assertThat(e).isInstanceOf(RetryableException.class).hasMessage("HTTP " + status);
    assertThat(((RetryableException) e).retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 413, 301})
  void givesUpOnOtherStatuses(int status) {
    assertThat(HttpStatusClassifier.succeeded(status)).isFalse();
    assertThat(classifier.failure(status, NONE, "HTTP " + status))
        .isInstanceOf(PermanentException.class);
  }

  @Test
  void waitsAsLongAsRetryAfterSays() {
    HttpHeaders seconds =
        HttpHeaders.of(Map.of("Retry-After", List.of("7")), (name, value) -> true);
    HttpHeaders date =
        HttpHeaders.of(
            Map.of("Retry-After", List.of("Thu, 01 Jan 2026 00:01:00 GMT")), (name, value) -> true);

    assertThat(((RetryableException) classifier.failure(503, seconds, "busy")).retryAfter())
        .contains(Duration.ofSeconds(7));
    assertThat(((RetryableException) classifier.failure(429, date, "slow down")).retryAfter())
        .contains(Duration.ofMinutes(1));
  }
}
