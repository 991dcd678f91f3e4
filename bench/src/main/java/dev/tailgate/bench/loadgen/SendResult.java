package dev.tailgate.bench.loadgen;

/**
 * How one export request ended. {@code rejectedSpans} is the server's partial-success count and
 * only means something when the request was accepted.
 */
public record SendResult(Outcome outcome, long rejectedSpans) {
  public enum Outcome {
    /** The server answered OK (possibly with a partial success). */
    ACCEPTED,
    /** The server answered with an error status, e.g. 429/503 or RESOURCE_EXHAUSTED. */
    REFUSED,
    /** No answer: connection error or deadline. */
    FAILED
  }

  static final SendResult REFUSED = new SendResult(Outcome.REFUSED, 0);
  static final SendResult FAILED = new SendResult(Outcome.FAILED, 0);

  static SendResult accepted(long rejectedSpans) {
    return new SendResult(Outcome.ACCEPTED, rejectedSpans);
  }
}
