package dev.tailgate.pipeline;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;

/**
 * How one signal travels over OTLP: its OTLP/HTTP path, its gRPC service and Export method, and
 * where its response keeps the partial success. The one table of these facts, for the receivers,
 * the otlp exporter and the tail-sampling peers; each {@link Signal} has its own ({@link
 * Signal#otlp()}), typed by its request and response messages.
 */
public record OtlpService<T, R>(
    String httpPath,
    ServiceDescriptor grpcService,
    MethodDescriptor<T, R> export,
    R fullSuccess,
    PartialSuccessShape<R> partialSuccess) {

  /** Where an export response says how many items it rejected and why. */
  public interface PartialSuccessShape<R> {
    /** A response that rejects {@code rejected} items for {@code message}. */
    R response(long rejected, String message);

    /** Items the response rejected; 0 without a partial success. */
    long rejected(R response);

    /** Why, as the server said it; empty without a partial success. */
    String message(R response);
  }

  /** The response for an accepted request: empty when nothing was rejected. */
  public R response(long rejected, String message) {
    return rejected == 0 ? fullSuccess : partialSuccess.response(rejected, message);
  }
}
