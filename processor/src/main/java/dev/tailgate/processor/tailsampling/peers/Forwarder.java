package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Exporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * The way to one peer: its client (also used for health probes) under an exporter helper, whose
 * start and shutdown start and shut down the client too.
 */
record Forwarder(PeerClient client, Exporter<ExportTraceServiceRequest> exporter) {

  void start() {
    exporter.start();
  }

  void shutdown() {
    exporter.shutdown();
  }
}
