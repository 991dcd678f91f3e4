package dev.tailgate.receiver.otlp;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.tailgate.pipeline.Signal;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the OTLP receiver needs to know about one signal: its request and response messages, its
 * HTTP path and gRPC service, and how its items are validated.
 */
record OtlpSignal<T extends Message, R extends Message>(
    Signal<T> signal,
    String httpPath,
    ServiceDescriptor grpcService,
    MethodDescriptor<T, R> grpcExport,
    Parser<T> requestParser,
    Supplier<Message.Builder> requestBuilder,
    ItemValidator<T> validator,
    R fullSuccess,
    PartialSuccess<R> partialSuccess) {

  static final OtlpSignal<ExportTraceServiceRequest, ExportTraceServiceResponse> TRACES =
      new OtlpSignal<>(
          Signal.TRACES,
          "/v1/traces",
          TraceServiceGrpc.getServiceDescriptor(),
          TraceServiceGrpc.getExportMethod(),
          ExportTraceServiceRequest.parser(),
          ExportTraceServiceRequest::newBuilder,
          new SpanIdValidator(),
          ExportTraceServiceResponse.getDefaultInstance(),
          (rejected, message) ->
              ExportTraceServiceResponse.newBuilder()
                  .setPartialSuccess(
                      ExportTracePartialSuccess.newBuilder()
                          .setRejectedSpans(rejected)
                          .setErrorMessage(message))
                  .build());

  static final OtlpSignal<ExportMetricsServiceRequest, ExportMetricsServiceResponse> METRICS =
      new OtlpSignal<>(
          Signal.METRICS,
          "/v1/metrics",
          MetricsServiceGrpc.getServiceDescriptor(),
          MetricsServiceGrpc.getExportMethod(),
          ExportMetricsServiceRequest.parser(),
          ExportMetricsServiceRequest::newBuilder,
          ItemValidator.countOnly(Signal.METRICS),
          ExportMetricsServiceResponse.getDefaultInstance(),
          (rejected, message) ->
              ExportMetricsServiceResponse.newBuilder()
                  .setPartialSuccess(
                      ExportMetricsPartialSuccess.newBuilder()
                          .setRejectedDataPoints(rejected)
                          .setErrorMessage(message))
                  .build());

  static final OtlpSignal<ExportLogsServiceRequest, ExportLogsServiceResponse> LOGS =
      new OtlpSignal<>(
          Signal.LOGS,
          "/v1/logs",
          LogsServiceGrpc.getServiceDescriptor(),
          LogsServiceGrpc.getExportMethod(),
          ExportLogsServiceRequest.parser(),
          ExportLogsServiceRequest::newBuilder,
          new LogRecordIdValidator(),
          ExportLogsServiceResponse.getDefaultInstance(),
          (rejected, message) ->
              ExportLogsServiceResponse.newBuilder()
                  .setPartialSuccess(
                      ExportLogsPartialSuccess.newBuilder()
                          .setRejectedLogRecords(rejected)
                          .setErrorMessage(message))
                  .build());

  static final List<OtlpSignal<?, ?>> ALL = List.of(TRACES, METRICS, LOGS);

  /** The export response: empty on full success, with partial_success when items were rejected. */
  R response(IngestOutcome.Accepted accepted) {
    return accepted.rejected() == 0
        ? fullSuccess
        : partialSuccess.response(accepted.rejected(), accepted.errorMessage());
  }

  /** Builds a signal's export response for items rejected by validation. */
  @FunctionalInterface
  interface PartialSuccess<R> {
    R response(int rejected, String errorMessage);
  }
}
