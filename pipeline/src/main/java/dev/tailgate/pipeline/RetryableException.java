package dev.tailgate.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * The batch was not taken but may be later: a full queue, memory pressure, a backend that is down.
 * Receivers turn this into HTTP 429/503 or gRPC UNAVAILABLE with a retry delay, so clients back
 * off.
 */
public final class RetryableException extends ConsumerException {
  private final Duration retryAfter;

  public RetryableException(String message) {
    this(message, null, null);
  }

  public RetryableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the refusing side asks the caller to wait, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
