package dev.tailgate.processor.filter;

import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.LogItem;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

/** Drops log records that match a log_record condition; empty scopes and resources go with them. */
final class LogsFilter implements ItemFilter<ExportLogsServiceRequest> {
  private final Conditions<LogItem> records;
  private final Counter dropped;

  LogsFilter(Conditions<LogItem> records, FilterMetrics metrics) {
    this.records = records;
    this.dropped = metrics.dropped("log_records");
  }

  @Override
  public ExportLogsServiceRequest filter(ExportLogsServiceRequest request) {
    long drops = 0;
    List<ResourceLogs> resources = new ArrayList<>(request.getResourceLogsCount());
    for (ResourceLogs resource : request.getResourceLogsList()) {
      List<ScopeLogs> scopes = new ArrayList<>(resource.getScopeLogsCount());
      long droppedBeforeResource = drops;
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        long droppedBeforeScope = drops;
        List<LogRecord> kept = new ArrayList<>(scope.getLogRecordsCount());
        for (LogRecord record : scope.getLogRecordsList()) {
          if (records.anyMatches(new LogItem(resource.getResource(), scope.getScope(), record))) {
            drops++;
          } else {
            kept.add(record);
          }
        }
        if (drops == droppedBeforeScope) {
          scopes.add(scope);
        } else if (!kept.isEmpty()) {
          scopes.add(scope.toBuilder().clearLogRecords().addAllLogRecords(kept).build());
        }
      }
      if (drops == droppedBeforeResource) {
        resources.add(resource);
      } else if (!scopes.isEmpty()) {
        resources.add(resource.toBuilder().clearScopeLogs().addAllScopeLogs(scopes).build());
      }
    }
    if (drops == 0) {
      return request;
    }
    dropped.increment(drops);
    return request.toBuilder().clearResourceLogs().addAllResourceLogs(resources).build();
  }
}
