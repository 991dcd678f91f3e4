package dev.tailgate.pipeline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.wire.LenientParser;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;

final class LogsSignal implements Signal<ExportLogsServiceRequest> {
  @Override
  public OtlpService<ExportLogsServiceRequest, ExportLogsServiceResponse> otlp() {
    return OtlpServices.LOGS;
  }

  private static final LenientParser<ExportLogsServiceRequest> PARSER =
      new LenientParser<>(
          ExportLogsServiceRequest.parser(),
          ExportLogsServiceRequest.getDescriptor(),
          MAX_MESSAGE_NESTING);

  @Override
  public String name() {
    return "logs";
  }

  @Override
  public String itemName() {
    return "log_records";
  }

  @Override
  public int count(ExportLogsServiceRequest batch) {
    int records = 0;
    for (ResourceLogs resource : batch.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        records += scope.getLogRecordsCount();
      }
    }
    return records;
  }

  @Override
  public ExportLogsServiceRequest merge(List<ExportLogsServiceRequest> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    ExportLogsServiceRequest.Builder merged = ExportLogsServiceRequest.newBuilder();
    for (ExportLogsServiceRequest part : parts) {
      merged.addAllResourceLogs(part.getResourceLogsList());
    }
    return merged.build();
  }

  @Override
  public List<ExportLogsServiceRequest> split(ExportLogsServiceRequest batch, int maxItems) {
    if (maxItems <= 0) {
      // A limit of 0 would never advance through the items: refuse it rather than loop forever.
      throw new IllegalArgumentException("maxItems must be > 0, got " + maxItems);
    }
    List<ExportLogsServiceRequest> out = new ArrayList<>();
    ExportLogsServiceRequest.Builder current = ExportLogsServiceRequest.newBuilder();
    int room = maxItems;
    for (ResourceLogs resource : batch.getResourceLogsList()) {
      ResourceLogs.Builder resourcePart = null;
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        int from = 0;
        int total = scope.getLogRecordsCount();
        do {
          int take = Math.min(room, total - from);
          if (resourcePart == null) {
            resourcePart = resource.toBuilder().clearScopeLogs();
          }
          resourcePart.addScopeLogs(
              take == total
                  ? scope
                  : scope.toBuilder()
                      .clearLogRecords()
                      .addAllLogRecords(scope.getLogRecordsList().subList(from, from + take))
                      .build());
          from += take;
          room -= take;
          if (room == 0) {
            current.addResourceLogs(resourcePart);
            out.add(current.build());
            current = ExportLogsServiceRequest.newBuilder();
            resourcePart = null;
            room = maxItems;
          }
        } while (from < total);
      }
      if (resourcePart != null) {
        current.addResourceLogs(resourcePart);
      }
    }
    if (current.getResourceLogsCount() > 0) {
      out.add(current.build());
    }
    return out;
  }

  @Override
  public ByteString encode(ExportLogsServiceRequest batch) {
    return batch.toByteString();
  }

  @Override
  public int serializedSize(ExportLogsServiceRequest batch) {
    return batch.getSerializedSize();
  }

  @Override
  public ExportLogsServiceRequest parse(ByteString bytes) throws InvalidProtocolBufferException {
    return PARSER.parse(bytes);
  }
}
