package dev.tailgate.pipeline;

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

/** The three signals' {@link OtlpService}s, typed by their request and response messages. */
public final class OtlpServices {
  private OtlpServices() {}

  /** OTLP/traces: /v1/traces and the gRPC TraceService. */
  public static final OtlpService<ExportTraceServiceRequest, ExportTraceServiceResponse> TRACES =
      new OtlpService<>(
          "/v1/traces",
          TraceServiceGrpc.getServiceDescriptor(),
          TraceServiceGrpc.getExportMethod(),
          ExportTraceServiceResponse.getDefaultInstance(),
          new OtlpService.PartialSuccessShape<>() {
            @Override
            public ExportTraceServiceResponse response(long rejected, String message) {
              return ExportTraceServiceResponse.newBuilder()
                  .setPartialSuccess(
                      ExportTracePartialSuccess.newBuilder()
                          .setRejectedSpans(rejected)
                          .setErrorMessage(message))
                  .build();
            }

            @Override
            public long rejected(ExportTraceServiceResponse response) {
              return response.getPartialSuccess().getRejectedSpans();
            }

            @Override
            public String message(ExportTraceServiceResponse response) {
              return response.getPartialSuccess().getErrorMessage();
            }
          });

  /** OTLP/metrics: /v1/metrics and the gRPC MetricsService. */
  public static final OtlpService<ExportMetricsServiceRequest, ExportMetricsServiceResponse>
      METRICS =
          new OtlpService<>(
              "/v1/metrics",
              MetricsServiceGrpc.getServiceDescriptor(),
              MetricsServiceGrpc.getExportMethod(),
              ExportMetricsServiceResponse.getDefaultInstance(),
              new OtlpService.PartialSuccessShape<>() {
                @Override
                public ExportMetricsServiceResponse response(long rejected, String message) {
                  return ExportMetricsServiceResponse.newBuilder()
                      .setPartialSuccess(
                          ExportMetricsPartialSuccess.newBuilder()
                              .setRejectedDataPoints(rejected)
                              .setErrorMessage(message))
                      .build();
                }

                @Override
                public long rejected(ExportMetricsServiceResponse response) {
                  return response.getPartialSuccess().getRejectedDataPoints();
                }

                @Override
                public String message(ExportMetricsServiceResponse response) {
                  return response.getPartialSuccess().getErrorMessage();
                }
              });

  /** OTLP/logs: /v1/logs and the gRPC LogsService. */
  public static final OtlpService<ExportLogsServiceRequest, ExportLogsServiceResponse> LOGS =
      new OtlpService<>(
          "/v1/logs",
          LogsServiceGrpc.getServiceDescriptor(),
          LogsServiceGrpc.getExportMethod(),
          ExportLogsServiceResponse.getDefaultInstance(),
          new OtlpService.PartialSuccessShape<>() {
            @Override
            public ExportLogsServiceResponse response(long rejected, String message) {
              return ExportLogsServiceResponse.newBuilder()
                  .setPartialSuccess(
                      ExportLogsPartialSuccess.newBuilder()
                          .setRejectedLogRecords(rejected)
                          .setErrorMessage(message))
                  .build();
            }

            @Override
            public long rejected(ExportLogsServiceResponse response) {
              return response.getPartialSuccess().getRejectedLogRecords();
            }

            @Override
            public String message(ExportLogsServiceResponse response) {
              return response.getPartialSuccess().getErrorMessage();
            }
          });
}
