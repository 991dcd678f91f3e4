package dev.tailgate.processor.tailsampling.peers;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a failed Export to a peer means. Retryable as OTLP says (the transient codes, and
 * RESOURCE_EXHAUSTED only with a RetryInfo), honouring a RetryInfo delay. Unanswered when the
 * peer could not be reached or did not reply in time: UNAVAILABLE without a RetryInfo (a Tailgate
 * that refuses for lack of room sends one) and DEADLINE_EXCEEDED.
 */
final class PeerStatuses {
  private static final Set<Status.Code> RETRYABLE =
      EnumSet.of(
          Status.Code.CANCELLED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.ABORTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS);

  private PeerStatuses() {}

  static ExportOutcome outcome(Status status, Metadata trailers, String peer) {
    Optional<Duration> retryAfter = retryDelay(status, trailers);
    boolean answered =
        !(status.getCode() == Status.Code.UNAVAILABLE && retryAfter.isEmpty())
            && status.getCode() != Status.Code.DEADLINE_EXCEEDED;
    return new ExportOutcome(error(status, retryAfter, peer), answered);
  }

  private static ConsumerException error(Status status, Optional<Duration> retryAfter, String peer) {
    String message = "peer " + peer + " failed the export: " + describe(status);
    boolean retryable =
        RETRYABLE.contains(status.getCode())
            || (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryAfter.isPresent());
    if (!retryable) {
      return new PermanentException(message, status.asRuntimeException());
    }
    return new RetryableException(message, retryAfter.orElse(null), status.asRuntimeException());
  }

  private static Optional<Duration> retryDelay(Status status, Metadata trailers) {
    com.google.rpc.Status details;
    try {
      details = StatusProto.fromStatusAndTrailers(status, trailers);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // details that contradict the status code are no hint
    }
    for (Any detail : details.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
          Duration d = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
          return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (InvalidProtocolBufferException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static String describe(Status status) {
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode().name() + ": " + status.getDescription();
  }
}
