package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partition_logs_by_trace_id}: one part per trace id, keyed by it; log records outside any
 * trace go together in one unkeyed part.
 */
final class LogsByTraceId implements Keying<ExportLogsServiceRequest> {

  @Override
  public List<Keyed<ExportLogsServiceRequest>> apart(ExportLogsServiceRequest request) {
    Map<ByteString, ExportLogsServiceRequest.Builder> traces = new LinkedHashMap<>();
    for (ResourceLogs resource : request.getResourceLogsList()) {
      Map<ByteString, ResourceLogs.Builder> resourceParts = new LinkedHashMap<>();
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        Map<ByteString, ScopeLogs.Builder> scopeParts = new LinkedHashMap<>();
        for (LogRecord log : scope.getLogRecordsList()) {
          scopeParts
              .computeIfAbsent(log.getTraceId(), id -> scope.toBuilder().clearLogRecords())
              .addLogRecords(log);
        }
        scopeParts.forEach(
            (id, part) ->
                resourceParts
                    .computeIfAbsent(id, i -> resource.toBuilder().clearScopeLogs())
                    .addScopeLogs(part));
      }
      resourceParts.forEach(
          (id, part) ->
              traces
                  .computeIfAbsent(id, i -> ExportLogsServiceRequest.newBuilder())
                  .addResourceLogs(part));
    }
    if (traces.size() == 1) {
      return List.of(new Keyed<>(TraceIdKeys.of(traces.keySet().iterator().next()), request, true));
    }
    List<Keyed<ExportLogsServiceRequest>> parts = new ArrayList<>(traces.size());
    traces.forEach((id, part) -> parts.add(new Keyed<>(TraceIdKeys.of(id), part.build(), false)));
    return parts;
  }
}
