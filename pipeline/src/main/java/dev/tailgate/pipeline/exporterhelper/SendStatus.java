package dev.tailgate.pipeline.exporterhelper;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an exporter's sending goes right now, for the status page: the last attempt that failed and
 * the batches in its retry loop. Read-only, and safe to read from any thread while batches are
 * sent.
 */
public interface SendStatus {
  /**
   * The last failed attempt: its error's first line (at most {@link #MAX_MESSAGE} characters, never
   * the batch), when it happened on the exporter's clock, and whether the error was permanent (that
   * batch is not tried again) or retryable (it is, while its retry budget lasts).
   */
  record LastError(String message, Instant at, boolean permanent) {
    public static final int MAX_MESSAGE = 300;

    public LastError {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(at, "at");
    }
  }

  /** Empty until an attempt fails; afterwards kept, with its time, until a later one fails. */
  Optional<LastError> lastError();

  /** Batches waiting out a backoff before their next attempt. */
  int retrying();

  /** Batches in an attempt right now: handed to the sender, no answer yet. */
  int sending();
}
