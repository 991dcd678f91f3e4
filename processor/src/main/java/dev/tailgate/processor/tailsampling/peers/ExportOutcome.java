package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.ConsumerException;

/**
 * How one Export to a peer went: {@code error} is null when the peer took the spans, or the
 * retryable or permanent refusal; {@code answered} says whether the peer itself replied, which is
 * what its health is judged by.
 */
record ExportOutcome(ConsumerException error, boolean answered) {
  static final ExportOutcome ACCEPTED = new ExportOutcome(null, true);

  boolean accepted() {
    return error == null;
  }
}
