package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/** The unary Export method of one signal's OTLP gRPC service. */
final class GrpcExport<T extends Message, R extends Message> implements ServerCalls.UnaryMethod<T, R> {
  private final OtlpSignal<T, R> otlp;
  private final OtlpIngest<T> ingest;

  GrpcExport(OtlpSignal<T, R> otlp, OtlpIngest<T> ingest) {
    this.otlp = otlp;
    this.ingest = ingest;
  }

  @Override
  public void invoke(T request, StreamObserver<R> responses) {
    IngestOutcome outcome = ingest.ingest(request);
    if (outcome instanceof IngestOutcome.Accepted accepted) {
      responses.onNext(otlp.response(accepted));
      responses.onCompleted();
    } else {
      responses.onError(GrpcStatuses.of(outcome));
    }
  }
}
