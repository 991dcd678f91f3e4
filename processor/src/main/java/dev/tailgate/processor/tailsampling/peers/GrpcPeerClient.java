package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.OtlpServices;
import dev.tailgate.pipeline.client.grpc.GrpcClientChannel;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ClientTlsConfig;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC to a peer, in plaintext or over TLS as {@code peers.tls} says, on the channel every
 * gRPC client uses. Building the channel neither resolves nor connects; the first call does.
 */
final class GrpcPeerClient implements PeerClient {
  private final String peer;
  private final GrpcClientChannel client;
  private final ManagedChannel channel;

  GrpcPeerClient(Endpoint peer, ClientTlsConfig tls) {
    this(peer, tls, Map.of());
  }

  /** {@code headers} go with every call, e.g. the credential the peers' receivers ask for. */
  GrpcPeerClient(Endpoint peer, ClientTlsConfig tls, Map<String, String> headers) {
    this.peer = peer.toString();
    this.client = new GrpcClientChannel(peer.host(), peer.port(), tls, headers);
    this.channel = client.channel();
  }

  @Override
  public ExportOutcome export(ExportTraceServiceRequest request, Duration timeout) {
    try {
      ClientCalls.blockingUnaryCall(
          channel, OtlpServices.TRACES.export(), options(timeout), request);
      return ExportOutcome.ACCEPTED;
    } catch (StatusRuntimeException e) {
      ExportOutcome outcome = PeerStatuses.outcome(e.getStatus(), e.getTrailers(), peer);
      if (!outcome.answered()) {
        // The retry comes after the helper's own backoff: it should try to connect, not fail fast.
        channel.resetConnectBackoff();
      }
      return outcome;
    }
  }

  @Override
  public CompletableFuture<Boolean> probe(Duration timeout) {
    // After failed connects gRPC waits ever longer (up to two minutes) before it tries again, and
    // fails calls at once meanwhile: a peer back up would stay out of the ring that long.
    channel.resetConnectBackoff();
    CompletableFuture<Boolean> answered = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        channel.newCall(OtlpServices.TRACES.export(), options(timeout)),
        ExportTraceServiceRequest.getDefaultInstance(),
        new StreamObserver<ExportTraceServiceResponse>() {
          @Override
          public void onNext(ExportTraceServiceResponse response) {}

          @Override
          public void onError(Throwable error) {
            if (error instanceof StatusRuntimeException status) {
              answered.complete(
                  PeerStatuses.outcome(status.getStatus(), status.getTrailers(), peer).answered());
            } else {
              answered.complete(false);
            }
          }

          @Override
          public void onCompleted() {
            answered.complete(true);
          }
        });
    return answered;
  }

  private static CallOptions options(Duration timeout) {
    return CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Lets calls in flight finish for a few seconds, then cuts them off. */
  @Override
  public void shutdown() {
    client.shutdown();
  }
}
