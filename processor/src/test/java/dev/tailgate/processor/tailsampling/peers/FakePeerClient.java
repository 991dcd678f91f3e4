package dev.tailgate.processor.tailsampling.peers;

import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.config.Endpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A peer that takes what it is sent, or is down, as the test says; answers probes at once. */
final class FakePeerClient implements PeerClient {
  final Endpoint peer;
  final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
  volatile boolean down;
  volatile int probes;
  volatile boolean started;
  volatile boolean shutDown;

  FakePeerClient(Endpoint peer) {
    this.peer = peer;
  }

  @Override
  public ExportOutcome export(ExportTraceServiceRequest request, Duration timeout) {
    if (down) {
      return new ExportOutcome(new RetryableException("connection refused"), false);
    }
    received.add(request);
    return ExportOutcome.ACCEPTED;
  }

  @Override
  public CompletableFuture<Boolean> probe(Duration timeout) {
    probes++;
    return CompletableFuture.completedFuture(!down);
  }

  @Override
  public void start() {
    started = true;
  }

  @Override
  public void shutdown() {
    shutDown = true;
  }
}
