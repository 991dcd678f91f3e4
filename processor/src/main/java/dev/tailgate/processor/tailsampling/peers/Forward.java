package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Spans for one peer with the room reserved for them in its queue. The part shares the routed
 * batch's leases but holds no reference until it is committed: a cancelled forward then needs no
 * release, and a committed one is the helper's to release.
 */
record Forward(Batch<ExportTraceServiceRequest> part, Exporter.Reservation room) {

  /** Takes a reference for the helper, which owns the part from here; refused, it is given back. */
  void commit() {
    part.retain();
    try {
      room.commit();
    } catch (RuntimeException e) {
      part.release();
      throw e;
    }
  }

  void cancel() {
    room.cancel();
  }
}
