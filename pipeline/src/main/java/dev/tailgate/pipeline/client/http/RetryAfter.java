package dev.tailgate.pipeline.client.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An HTTP {@code Retry-After} value: delay seconds, or an HTTP date (RFC 9110). */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * The delay a response's {@code Retry-After} header asks for; empty when absent or unreadable.
   */
  public static Optional<Duration> of(HttpHeaders headers, Clock clock) {
    return parse(headers.firstValue("Retry-After").orElse(null), clock);
  }

  /**
   * The delay {@code value} (null: no header) asks for; empty when absent or unreadable (backoff
   * decides then).
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.trim();
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(clock.instant(), at);
        return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
