package dev.tailgate.exporter.otlphttp;

import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.client.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Set;

/**
 * What an OTLP/HTTP status means for the batch, per the OTLP spec: 429, 502, 503 and 504 are worth
 * retrying (after {@code Retry-After} when the server gives one); every other failure, 500
 * included, will never be taken. Narrower than the shared {@code HttpStatusClassifier}, which
 * retries every 5xx as remote write and Elasticsearch ask.
 */
final class OtlpHttpStatuses {
  private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

  private final Clock clock;

  /** {@code clock} reads an HTTP-date {@code Retry-After} relative to now. */
  OtlpHttpStatuses(Clock clock) {
    this.clock = clock;
  }

  static boolean succeeded(int status) {
    return status >= 200 && status < 300;
  }

  static boolean retryable(int status) {
    return RETRYABLE.contains(status);
  }

  /** The error for a status that did not succeed; {@code message} says who answered what. */
  ConsumerException failure(int status, HttpHeaders headers, String message) {
    if (retryable(status)) {
      return new RetryableException(message, RetryAfter.of(headers, clock).orElse(null), null);
    }
    return new PermanentException(message);
  }
}
