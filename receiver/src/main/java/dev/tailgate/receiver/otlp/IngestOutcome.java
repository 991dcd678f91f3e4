package dev.tailgate.receiver.otlp;

import java.time.Duration;

/** What became of one export request, for a transport to turn into its own status. */
public sealed interface IngestOutcome {
  /** What a client is asked to wait when the refusing consumer did not say. */
  Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /** The valid items were taken; {@code rejected} items failed validation (0 for none). */
  record Accepted(int rejected, String errorMessage) implements IngestOutcome {}

  /** Refused for now; the client should send the same data again after {@code retryAfter}. */
  record Retry(Duration retryAfter, String message) implements IngestOutcome {}

  /** Refused for good: the data will never be taken. */
  record Invalid(String message) implements IngestOutcome {}

  /** The gateway failed unexpectedly; already logged. */
  record Failed(String message) implements IngestOutcome {}
}
