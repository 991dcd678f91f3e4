package dev.tailgate.bench.sink;

import dev.tailgate.pipeline.Signal;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;

final class CountingMetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {
  private static final ExportMetricsServiceResponse OK =
      ExportMetricsServiceResponse.getDefaultInstance();
  private final SignalCounter counter;

  CountingMetricsService(SignalCounter counter) {
    this.counter = counter;
  }

  @Override
  public void export(
      ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> response) {
    counter.add(Signal.METRICS.count(request), request.getSerializedSize());
    response.onNext(OK);
    response.onCompleted();
  }
}
