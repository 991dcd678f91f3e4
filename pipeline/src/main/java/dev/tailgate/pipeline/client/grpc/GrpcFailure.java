package dev.tailgate.pipeline.client.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A failed gRPC call as the OTLP specification reads it: the status, and the server's {@code
 * google.rpc.RetryInfo} when its trailers carry one. Retryable are a fixed set of transient codes,
 * plus RESOURCE_EXHAUSTED only with a RetryInfo (without one it means the request itself is too
 * big, which no retry can fix).
 */
public record GrpcFailure(Status status, Optional<RetryInfo> retryInfo) {
  private static final Set<Status.Code> RETRYABLE =
      EnumSet.of(
          Status.Code.CANCELLED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.ABORTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS);

  /** {@code trailers} may be null. */
  public static GrpcFailure of(Status status, Metadata trailers) {
    return new GrpcFailure(status, retryInfoOf(status, trailers));
  }

  public boolean retryable() {
    return RETRYABLE.contains(status.getCode())
        || (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryInfo.isPresent());
  }

  /**
   * The delay the server asked for; a RetryInfo without {@code retry_delay} leaves it to the
   * backoff.
   */
  public Optional<Duration> retryDelay() {
    return retryInfo.filter(RetryInfo::hasRetryDelay).map(GrpcFailure::delayOf);
  }

  /** {@code CODE} or {@code CODE: description}, for messages. */
  public String describe() {
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode().name() + ": " + status.getDescription();
  }

  /** A RetryInfo's delay, never negative (unset is zero). */
  public static Duration delayOf(RetryInfo info) {
    com.google.protobuf.Duration delay = info.getRetryDelay();
    Duration d = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Optional<RetryInfo> retryInfoOf(Status status, Metadata trailers) {
    com.google.rpc.Status details;
    try {
      details = StatusProto.fromStatusAndTrailers(status, trailers);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // details that contradict the status code are ignored
    }
    for (Any detail : details.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          return Optional.of(detail.unpack(RetryInfo.class));
        } catch (InvalidProtocolBufferException e) {
          return Optional.empty(); // a garbled hint is no hint
        }
      }
    }
    return Optional.empty();
  }
}
