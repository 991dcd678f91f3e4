package dev.tailgate.pipeline.client.http;

import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import java.net.http.HttpHeaders;
import java.time.Clock;

/**
 * What an HTTP exporter's (elasticsearch, prometheusremotewrite) answer means for the batch: 2xx
 * taken; 429 and 5xx worth retrying, after {@code Retry-After} when the server gives one; any other
 * status will never be taken, so retrying it would only repeat the refusal.
 */
public final class HttpStatusClassifier {
  private final Clock clock;

  /** {@code clock} reads an HTTP-date {@code Retry-After} relative to now. */
  public HttpStatusClassifier(Clock clock) {
    this.clock = clock;
  }

  public static boolean succeeded(int status) {
    return status >= 200 && status < 300;
  }

  public static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  /** The error for a status that did not succeed; {@code message} says who answered what. */
  public ConsumerException failure(int status, HttpHeaders headers, String message) {
    if (retryable(status)) {
      return new RetryableException(message, RetryAfter.of(headers, clock).orElse(null), null);
    }
    return new PermanentException(message);
  }
}
