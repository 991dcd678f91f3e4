package dev.tailgate.bench.sink;

import dev.tailgate.pipeline.Signal;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

final class CountingTraceService extends TraceServiceGrpc.TraceServiceImplBase {
  private static final ExportTraceServiceResponse OK = ExportTraceServiceResponse.getDefaultInstance();
  private final SignalCounter counter;

  CountingTraceService(SignalCounter counter) {
    this.counter = counter;
  }

  @Override
  public void export(
      ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
    counter.add(Signal.TRACES.count(request), request.getSerializedSize());
    response.onNext(OK);
    response.onCompleted();
  }
}
