package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.wire.ItemsByTraceId;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.List;

/**
 * {@code partition_logs_by_trace_id}: one part per trace id, keyed by it; log records outside any
 * trace go together in one unkeyed part.
 */
final class LogsByTraceId implements Keying<ExportLogsServiceRequest> {

  @Override
  public List<Keyed<ExportLogsServiceRequest>> apart(Batch<ExportLogsServiceRequest> batch) {
    return TraceIdParts.of(ItemsByTraceId.LOG_RECORDS, batch);
  }
}
