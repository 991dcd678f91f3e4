package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.wire.ItemsByTraceId;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * {@code partition_traces_by_id}: one part per trace id, so each record holds the spans of one
 * trace and every span of a trace lands on the partition its key hashes to (one consumer sees the
 * whole trace).
 */
final class TracesByTraceId implements Keying<ExportTraceServiceRequest> {

  @Override
  public List<Keyed<ExportTraceServiceRequest>> apart(Batch<ExportTraceServiceRequest> batch) {
    return TraceIdParts.of(ItemsByTraceId.SPANS, batch);
  }
}
