package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.config.Endpoint;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/gRPC server of one receiver: built when the receiver is created, bound on start, and
 * drained on shutdown. Requests may be compressed with gzip, zstd or snappy (see {@link
 * GrpcDecompressors}).
 */
final class OtlpGrpcServer {
  private final ComponentId receiver;
  private final Endpoint endpoint;
  private final Server server;
  private final GrpcUnixSocket unixSocket;
  private boolean started;
  private boolean stopping;

  OtlpGrpcServer(
      ComponentId receiver, GrpcProtocolConfig config, List<ServerServiceDefinition> services) {
    this.receiver = receiver;
    this.endpoint = config.endpoint();
    this.unixSocket = endpoint.isUnixSocket() ? new GrpcUnixSocket(endpoint.host()) : null;
    NettyServerBuilder builder =
        (unixSocket != null
                ? unixSocket.builder()
                : NettyServerBuilder.forAddress(
                    new InetSocketAddress(endpoint.host(), endpoint.port())))
            .maxInboundMessageSize(config.maxRecvMsgSizeBytes())
            .decompressorRegistry(GrpcDecompressors.registry());
    if (config.maxConcurrentStreams() > 0) {
      builder.maxConcurrentCallsPerConnection(config.maxConcurrentStreams());
    }
    if (config.keepalive() != null) {
      GrpcKeepalive.apply(config.keepalive(), builder);
    }
    if (config.tls() != null) {
      builder.sslContext(GrpcTls.serverContext(ReceiverTls.load(receiver, "grpc", config.tls())));
    }
    services.forEach(builder::addService);
    this.server = builder.build();
  }

  synchronized void start() {
    try {
      if (unixSocket != null) {
        unixSocket.removeStaleSocket();
      }
      server.start();
    } catch (IOException | RuntimeException e) {
      release();
      throw new UncheckedIOException(
          "receivers." + receiver + ": cannot serve OTLP/gRPC on " + endpoint + ": " + reason(e),
          e instanceof IOException io ? io : new IOException(e));
    }
    started = true;
  }

  /** Stops taking new calls; calls under way go on until {@link #awaitDrained}. */
  synchronized void stopAccepting() {
    if (started && !stopping) {
      stopping = true;
      server.shutdown();
    }
  }

  /**
   * Waits for calls under way until {@code deadlineNanos} (System.nanoTime), then cuts them off.
   */
  void awaitDrained(long deadlineNanos) {
    synchronized (this) {
      if (!stopping) {
        return;
      }
    }
    try {
      long left = deadlineNanos - System.nanoTime();
      if (!server.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      release();
    }
  }

  private void release() {
    if (unixSocket != null) {
      unixSocket.release();
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return cause.getMessage();
  }
}
