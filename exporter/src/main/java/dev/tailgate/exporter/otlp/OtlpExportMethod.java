package dev.tailgate.exporter.otlp;

import dev.tailgate.pipeline.Signal;
import io.grpc.MethodDescriptor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.util.function.Function;

/**
 * What differs between the three OTLP services for a client: the gRPC method and where the
 * response keeps its partial success. Everything else is shared by {@link OtlpGrpcSender}.
 */
record OtlpExportMethod<T, R>(MethodDescriptor<T, R> descriptor, Function<R, PartialSuccess> partialSuccess) {

  static final OtlpExportMethod<ExportTraceServiceRequest, ExportTraceServiceResponse> TRACES =
      new OtlpExportMethod<>(
          TraceServiceGrpc.getExportMethod(),
          r -> r.hasPartialSuccess()
              ? new PartialSuccess(r.getPartialSuccess().getRejectedSpans(), r.getPartialSuccess().getErrorMessage())
              : PartialSuccess.NONE);

  static final OtlpExportMethod<ExportMetricsServiceRequest, ExportMetricsServiceResponse> METRICS =
      new OtlpExportMethod<>(
          MetricsServiceGrpc.getExportMethod(),
          r -> r.hasPartialSuccess()
              ? new PartialSuccess(
                  r.getPartialSuccess().getRejectedDataPoints(), r.getPartialSuccess().getErrorMessage())
              : PartialSuccess.NONE);

  static final OtlpExportMethod<ExportLogsServiceRequest, ExportLogsServiceResponse> LOGS =
      new OtlpExportMethod<>(
          LogsServiceGrpc.getExportMethod(),
          r -> r.hasPartialSuccess()
              ? new PartialSuccess(
                  r.getPartialSuccess().getRejectedLogRecords(), r.getPartialSuccess().getErrorMessage())
              : PartialSuccess.NONE);

  /** The method for {@code signal}, whose batch type is this method's request type. */
  @SuppressWarnings("unchecked") // each Signal constant's type parameter is its request message
  static <T> OtlpExportMethod<T, ?> forSignal(Signal<T> signal) {
    if (signal == Signal.TRACES) {
      return (OtlpExportMethod<T, ?>) TRACES;
    }
    if (signal == Signal.METRICS) {
      return (OtlpExportMethod<T, ?>) METRICS;
    }
    if (signal == Signal.LOGS) {
      return (OtlpExportMethod<T, ?>) LOGS;
    }
    throw new IllegalArgumentException("the otlp exporter has no method for signal " + signal.name());
  }
}
