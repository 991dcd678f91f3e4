package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.Component;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The connection to one peer's OTLP/gRPC receiver. */
interface PeerClient extends Component {

  /** One Export call, bounded by {@code timeout}. */
  ExportOutcome export(ExportTraceServiceRequest request, Duration timeout);

  /** An empty Export; completes with whether the peer answered at all (see {@link PeerHealth}). */
  CompletableFuture<Boolean> probe(Duration timeout);
}
