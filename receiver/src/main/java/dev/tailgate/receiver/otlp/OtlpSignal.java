package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.tailgate.pipeline.OtlpService;
import dev.tailgate.pipeline.OtlpServices;
import dev.tailgate.pipeline.Signal;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the OTLP receiver needs to know about one signal beyond its {@link OtlpService} (paths, gRPC
 * method, partial success): how its requests are parsed from JSON and how its items are validated.
 */
record OtlpSignal<T extends Message, R extends Message>(
    Signal<T> signal,
    OtlpService<T, R> otlp,
    Parser<T> requestParser,
    Supplier<Message.Builder> requestBuilder,
    ItemValidator<T> validator) {

  static final OtlpSignal<ExportTraceServiceRequest, ExportTraceServiceResponse> TRACES =
      new OtlpSignal<>(
          Signal.TRACES,
          OtlpServices.TRACES,
          ExportTraceServiceRequest.parser(),
          ExportTraceServiceRequest::newBuilder,
          new SpanIdValidator());

  static final OtlpSignal<ExportMetricsServiceRequest, ExportMetricsServiceResponse> METRICS =
      new OtlpSignal<>(
          Signal.METRICS,
          OtlpServices.METRICS,
          ExportMetricsServiceRequest.parser(),
          ExportMetricsServiceRequest::newBuilder,
          ItemValidator.countOnly(Signal.METRICS));

  static final OtlpSignal<ExportLogsServiceRequest, ExportLogsServiceResponse> LOGS =
      new OtlpSignal<>(
          Signal.LOGS,
          OtlpServices.LOGS,
          ExportLogsServiceRequest.parser(),
          ExportLogsServiceRequest::newBuilder,
          new LogRecordIdValidator());

  static final List<OtlpSignal<?, ?>> ALL = List.of(TRACES, METRICS, LOGS);

  String httpPath() {
    return otlp.httpPath();
  }

  ServiceDescriptor grpcService() {
    return otlp.grpcService();
  }

  MethodDescriptor<T, R> grpcExport() {
    return otlp.export();
  }

  /** The export response: empty on full success, with partial_success when items were rejected. */
  R response(IngestOutcome.Accepted accepted) {
    return otlp.response(accepted.rejected(), accepted.errorMessage());
  }
}
