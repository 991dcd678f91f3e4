package dev.tailgate.receiver.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

/**
 * Rejects log records whose trace context is malformed: trace_id and span_id are optional for logs,
 * but when present they must be 16 and 8 bytes. Rebuilds the request only when needed.
 */
final class LogRecordIdValidator implements ItemValidator<ExportLogsServiceRequest> {
  static final String REASON = "trace_id must be empty or 16 bytes, span_id empty or 8 bytes";

  @Override
  public Validated<ExportLogsServiceRequest> validate(ExportLogsServiceRequest request) {
    int total = 0;
    int rejected = 0;
    for (ResourceLogs resource : request.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        for (LogRecord record : scope.getLogRecordsList()) {
          total++;
          if (!isValid(record)) {
            rejected++;
          }
        }
      }
    }
    if (rejected == 0) {
      return Validated.allValid(request, total);
    }
    return new Validated<>(
        withoutInvalid(request),
        total - rejected,
        rejected,
        rejected + " log records rejected: " + REASON);
  }

  private static boolean isValid(LogRecord record) {
    int traceId = record.getTraceId().size();
    int spanId = record.getSpanId().size();
    return (traceId == 0 || traceId == 16) && (spanId == 0 || spanId == 8);
  }

  private static ExportLogsServiceRequest withoutInvalid(ExportLogsServiceRequest request) {
    ExportLogsServiceRequest.Builder kept = ExportLogsServiceRequest.newBuilder();
    for (ResourceLogs resource : request.getResourceLogsList()) {
      ResourceLogs.Builder keptResource = resource.toBuilder().clearScopeLogs();
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        ScopeLogs.Builder keptScope = scope.toBuilder().clearLogRecords();
        for (LogRecord record : scope.getLogRecordsList()) {
          if (isValid(record)) {
            keptScope.addLogRecords(record);
          }
        }
        if (keptScope.getLogRecordsCount() > 0) {
          keptResource.addScopeLogs(keptScope);
        }
      }
      if (keptResource.getScopeLogsCount() > 0) {
        kept.addResourceLogs(keptResource);
      }
    }
    return kept.build();
  }
}
