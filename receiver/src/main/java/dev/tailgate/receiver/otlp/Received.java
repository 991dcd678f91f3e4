package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.memory.Lease;
import io.grpc.StatusRuntimeException;

/**
 * What the gRPC marshaller made of one request message: its bytes under a memory lease, or the
 * status to refuse it with. Refusing here instead of throwing from the marshaller lets the call
 * answer with a full status (UNAVAILABLE with RetryInfo), which gRPC would not send for an
 * exception thrown while parsing.
 */
record Received(byte[] array, int length, Lease lease, StatusRuntimeException refusal) {

  /** The first {@code length} bytes of {@code array}, the request's own. */
  static Received of(byte[] array, int length, Lease lease) {
    return new Received(array, length, lease, null);
  }

  static Received refused(StatusRuntimeException refusal) {
    return new Received(null, 0, null, refusal);
  }
}
