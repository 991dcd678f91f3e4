package dev.tailgate.receiver.otlp;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.memory.Lease;
import io.grpc.StatusRuntimeException;

/**
 * What the gRPC marshaller made of one request message: its bytes under a memory lease, or the
 * status to refuse it with. Refusing here instead of throwing from the marshaller lets the call
 * answer with a full status (UNAVAILABLE with RetryInfo), which gRPC would not send for an
 * exception thrown while parsing.
 */
record Received(ByteString wire, Lease lease, StatusRuntimeException refusal) {

  static Received of(ByteString wire, Lease lease) {
    return new Received(wire, lease, null);
  }

  static Received refused(StatusRuntimeException refusal) {
    return new Received(null, null, refusal);
  }
}
