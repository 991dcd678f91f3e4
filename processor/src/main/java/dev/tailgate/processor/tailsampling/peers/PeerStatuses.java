package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.client.grpc.GrpcFailure;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * What a failed Export to a peer means. Retryable as for every gRPC client ({@link GrpcFailure}:
 * OTLP's transient codes, RESOURCE_EXHAUSTED only with a RetryInfo), honouring a RetryInfo delay.
 * Unanswered when the peer could not be reached or did not reply in time: UNAVAILABLE without a
 * RetryInfo (a Tailgate that refuses for lack of room sends one) and DEADLINE_EXCEEDED.
 */
final class PeerStatuses {
  private PeerStatuses() {}

  static ExportOutcome outcome(Status status, Metadata trailers, String peer) {
    GrpcFailure failure = GrpcFailure.of(status, trailers);
    boolean answered =
        !(status.getCode() == Status.Code.UNAVAILABLE && failure.retryInfo().isEmpty())
            && status.getCode() != Status.Code.DEADLINE_EXCEEDED;
    return new ExportOutcome(error(failure, peer), answered);
  }

  private static ConsumerException error(GrpcFailure failure, String peer) {
    String message = "peer " + peer + " failed the export: " + failure.describe();
    Throwable cause = failure.status().asRuntimeException();
    if (!failure.retryable()) {
      return new PermanentException(message, cause);
    }
    // A peer's RetryInfo is followed even without a delay in it: retry at once, as it said.
    Optional<Duration> retryAfter = failure.retryInfo().map(GrpcFailure::delayOf);
    return new RetryableException(message, retryAfter.orElse(null), cause);
  }
}
