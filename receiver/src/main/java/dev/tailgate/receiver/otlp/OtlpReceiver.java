package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ShutdownDeadline;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The OTLP receiver: its gRPC server, bound on start, and its HTTP servlet (served by the gateway),
 * which takes requests only between start and shutdown. Shutdown stops both from taking new
 * requests, then lets the ones under way finish within the drain timeout.
 */
public final class OtlpReceiver implements Receiver {
  private final Optional<OtlpGrpcServer> grpc;
  private final RequestGate httpGate;
  private final ShutdownDeadline shutdownDeadline;
  private final AtomicBoolean shutDown = new AtomicBoolean();

  OtlpReceiver(
      Optional<OtlpGrpcServer> grpc, RequestGate httpGate, ShutdownDeadline shutdownDeadline) {
    this.grpc = grpc;
    this.httpGate = httpGate;
    this.shutdownDeadline = shutdownDeadline;
  }

  @Override
  public void start() {
    grpc.ifPresent(OtlpGrpcServer::start);
    httpGate.open();
  }

  @Override
  public void shutdown() {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    long deadline = shutdownDeadline.nanos();
    httpGate.close();
    grpc.ifPresent(OtlpGrpcServer::stopAccepting);
    grpc.ifPresent(server -> server.awaitDrained(deadline));
    try {
      httpGate.awaitDrained(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
