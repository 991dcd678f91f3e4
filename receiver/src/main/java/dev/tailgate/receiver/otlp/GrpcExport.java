package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The unary Export method of one signal's OTLP gRPC service. */
final class GrpcExport<T extends Message, R extends Message>
    implements ServerCalls.UnaryMethod<Received, R> {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcExport.class);

  private final OtlpSignal<T, R> otlp;
  private final OtlpIngest<T> ingest;

  GrpcExport(OtlpSignal<T, R> otlp, OtlpIngest<T> ingest) {
    this.otlp = otlp;
    this.ingest = ingest;
  }

  @Override
  public void invoke(Received request, StreamObserver<R> responses) {
    if (request.refusal() != null) {
      responses.onError(request.refusal());
      return;
    }
    IngestOutcome outcome;
    try {
      outcome =
          ingest.ingestWire(
              request.array(),
              0,
              request.length(),
              request.lease(),
              GrpcAuthInterceptor.TENANT.get(),
              GrpcOriginInterceptor.ORIGIN.get());
    } catch (RuntimeException e) {
      // The pipeline's own failures are handled by ingest; this is a bug in the receiver itself.
      LOG.error("OTLP/gRPC export of {} failed", otlp.signal().name(), e);
      outcome = new IngestOutcome.Failed("internal error while receiving " + otlp.signal().name());
    }
    if (outcome instanceof IngestOutcome.Accepted accepted) {
      responses.onNext(otlp.response(accepted));
      responses.onCompleted();
    } else {
      responses.onError(GrpcStatuses.of(outcome));
    }
  }
}
