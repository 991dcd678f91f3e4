package dev.tailgate.receiver.otlp;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;

/** Maps a refused export to the gRPC status OTLP clients act on. */
final class GrpcStatuses {
  private GrpcStatuses() {}

  static StatusRuntimeException of(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Retry retry) {
      return unavailable(retry.message(), retry.retryAfter());
    }
    if (outcome instanceof IngestOutcome.Invalid invalid) {
      return Status.INVALID_ARGUMENT.withDescription(invalid.message()).asRuntimeException();
    }
    if (outcome instanceof IngestOutcome.Failed failed) {
      return Status.INTERNAL.withDescription(failed.message()).asRuntimeException();
    }
    throw new IllegalArgumentException("not a refusal: " + outcome);
  }

  /** UNAVAILABLE with a RetryInfo detail: OTLP exporters honour its delay before retrying. */
  private static StatusRuntimeException unavailable(String message, Duration retryAfter) {
    RetryInfo retryInfo =
        RetryInfo.newBuilder()
            .setRetryDelay(
                com.google.protobuf.Duration.newBuilder()
                    .setSeconds(retryAfter.getSeconds())
                    .setNanos(retryAfter.getNano()))
            .build();
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNAVAILABLE_VALUE)
            .setMessage(message == null ? "unavailable, retry later" : message)
            .addDetails(Any.pack(retryInfo))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
