package dev.tailgate.exporter.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, as the OTLP specification says, whether a failed Export may be retried: a fixed set of
 * transient codes, plus RESOURCE_EXHAUSTED only when the server sent a RetryInfo (without one it
 * means the request itself is too big, which no retry can fix). A RetryInfo delay is passed on so
 * the retry loop waits as long as the server asked.
 */
public final class GrpcStatusClassifier {
  private static final Set<Status.Code> RETRYABLE =
      EnumSet.of(
          Status.Code.CANCELLED,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.ABORTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS);

  private GrpcStatusClassifier() {}

  public static ConsumerException classify(StatusRuntimeException e) {
    return classify(e.getStatus(), e.getTrailers(), e);
  }

  /** {@code trailers} may be null; {@code cause} is kept for the log. */
  public static ConsumerException classify(Status status, Metadata trailers, Throwable cause) {
    Optional<RetryInfo> retryInfo = retryInfo(status, trailers);
    String described = describe(status);
    boolean retryable =
        RETRYABLE.contains(status.getCode())
            || (status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryInfo.isPresent());
    if (!retryable) {
      return new PermanentException("backend rejected the batch: " + described, cause);
    }
    Duration retryAfter =
        retryInfo.filter(RetryInfo::hasRetryDelay).map(GrpcStatusClassifier::delayOf).orElse(null);
    return new RetryableException("backend failed the export: " + described, retryAfter, cause);
  }

  private static Optional<RetryInfo> retryInfo(Status status, Metadata trailers) {
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

  private static Duration delayOf(RetryInfo info) {
    com.google.protobuf.Duration delay = info.getRetryDelay();
    Duration d = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static String describe(Status status) {
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode().name() + ": " + status.getDescription();
  }
}
