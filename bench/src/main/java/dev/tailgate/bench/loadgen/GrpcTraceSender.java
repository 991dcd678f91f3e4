package dev.tailgate.bench.loadgen;

import dev.tailgate.pipeline.config.Endpoint;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** OTLP/gRPC over its own plaintext channel, as one SDK would connect. */
final class GrpcTraceSender implements TraceSender {
  private static final MethodDescriptor<byte[], ExportTraceServiceResponse> EXPORT =
      TraceServiceGrpc.getExportMethod().toBuilder(
              new EncodedRequestMarshaller(),
              TraceServiceGrpc.getExportMethod().getResponseMarshaller())
          .build();

  private final ManagedChannel channel;
  private final PayloadPool pool;
  private final Duration timeout;

  GrpcTraceSender(Endpoint endpoint, PayloadPool pool, Duration timeout) {
    this.channel =
        NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext().build();
    this.pool = pool;
    this.timeout = timeout;
  }

  @Override
  public SendResult send(int payloadIndex) {
    try {
      ExportTraceServiceResponse response =
          ClientCalls.blockingUnaryCall(
              channel,
              EXPORT,
              CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS),
              pool.encoded(payloadIndex));
      return SendResult.accepted(response.getPartialSuccess().getRejectedSpans());
    } catch (StatusRuntimeException e) {
      return isRetryLater(e.getStatus()) ? SendResult.REFUSED : SendResult.FAILED;
    }
  }

  /**
   * The server's "retry later" (UNAVAILABLE or RESOURCE_EXHAUSTED it sent itself); a broken
   * connection, a deadline or any other status is a failure.
   */
  private static boolean isRetryLater(Status status) {
    boolean retryable =
        status.getCode() == Status.Code.UNAVAILABLE
            || status.getCode() == Status.Code.RESOURCE_EXHAUSTED;
    return retryable && status.getCause() == null;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
