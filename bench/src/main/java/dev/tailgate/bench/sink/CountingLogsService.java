package dev.tailgate.bench.sink;

import dev.tailgate.pipeline.Signal;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;

final class CountingLogsService extends LogsServiceGrpc.LogsServiceImplBase {
  private static final ExportLogsServiceResponse OK = ExportLogsServiceResponse.getDefaultInstance();
  private final SignalCounter counter;

  CountingLogsService(SignalCounter counter) {
    this.counter = counter;
  }

  @Override
  public void export(
      ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
    counter.add(Signal.LOGS.count(request), request.getSerializedSize());
    response.onNext(OK);
    response.onCompleted();
  }
}
