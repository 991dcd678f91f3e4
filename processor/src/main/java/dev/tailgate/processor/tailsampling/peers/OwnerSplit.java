package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.config.Endpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Map;

/**
 * One request split by owner: the spans this replica buffers ({@code local}, null when none;
 * forward marks already stripped), the marked requests to forward to each other owner, and how many
 * of the local spans each peer forwarded here.
 */
record OwnerSplit(
    ExportTraceServiceRequest local,
    Map<Endpoint, ExportTraceServiceRequest> forwards,
    Map<String, Integer> receivedFrom) {}
