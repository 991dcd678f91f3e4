package dev.tailgate.pipeline.client.grpc;

import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Turns a failed export call of a gRPC exporter (otlp, jaeger) into the error the exporter helper
 * acts on: retryable or permanent as {@link GrpcFailure} says, with a RetryInfo delay passed on so
 * the retry loop waits as long as the server asked.
 */
public final class GrpcStatusClassifier {
  private GrpcStatusClassifier() {}

  public static ConsumerException classify(StatusRuntimeException e) {
    return classify(e.getStatus(), e.getTrailers(), e);
  }

  /** {@code trailers} may be null; {@code cause} is kept for the log. */
  public static ConsumerException classify(Status status, Metadata trailers, Throwable cause) {
    GrpcFailure failure = GrpcFailure.of(status, trailers);
    if (!failure.retryable()) {
      return new PermanentException("backend rejected the batch: " + failure.describe(), cause);
    }
    return new RetryableException(
        "backend failed the export: " + failure.describe(),
        failure.retryDelay().orElse(null),
        cause);
  }
}
