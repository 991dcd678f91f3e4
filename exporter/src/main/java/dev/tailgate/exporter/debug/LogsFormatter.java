package dev.tailgate.exporter.debug;

import com.google.protobuf.TextFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

final class LogsFormatter implements BatchFormatter<ExportLogsServiceRequest> {

  @Override
  public String summary(ExportLogsServiceRequest batch) {
    int records = 0;
    for (ResourceLogs resource : batch.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        records += scope.getLogRecordsCount();
      }
    }
    return "logs: " + batch.getResourceLogsCount() + " resource logs, " + records + " log records";
  }

  @Override
  public List<String> items(ExportLogsServiceRequest batch) {
    List<String> lines = new ArrayList<>();
    for (ResourceLogs resource : batch.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        for (LogRecord record : scope.getLogRecordsList()) {
          String severity =
              record.getSeverityText().isEmpty()
                  ? record.getSeverityNumber().name()
                  : record.getSeverityText();
          lines.add("log record severity=" + severity + " body=" + bodyText(record.getBody()));
        }
      }
    }
    return lines;
  }

  @Override
  public String detailed(ExportLogsServiceRequest batch) {
    return TextFormat.printer().printToString(batch);
  }

  /** A string body as it is; any other value in protobuf's one-line text form. */
  private static String bodyText(AnyValue body) {
    return body.hasStringValue()
        ? body.getStringValue()
        : TextFormat.printer().shortDebugString(body);
  }
}
