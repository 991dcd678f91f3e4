package dev.tailgate.gateway.testing;

import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A real OTLP/gRPC server on loopback that records what the gateway's otlp exporter sends. */
public final class OtlpBackend implements AutoCloseable {
  public final SinkConsumer<ExportTraceServiceRequest> traces = new SinkConsumer<>(Signal.TRACES);
  public final SinkConsumer<ExportMetricsServiceRequest> metrics = new SinkConsumer<>(Signal.METRICS);
  public final SinkConsumer<ExportLogsServiceRequest> logs = new SinkConsumer<>(Signal.LOGS);
  private final int port;
  private Server server;

  public OtlpBackend(int port) {
    this.port = port;
  }

  public int port() {
    return port;
  }

  public OtlpBackend start() {
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
              .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                @Override
                public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> reply) {
                  traces.consume(request);
                  reply.onNext(ExportTraceServiceResponse.getDefaultInstance());
                  reply.onCompleted();
                }
              })
              .addService(new MetricsServiceGrpc.MetricsServiceImplBase() {
                @Override
                public void export(ExportMetricsServiceRequest request, StreamObserver<ExportMetricsServiceResponse> reply) {
                  metrics.consume(request);
                  reply.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                  reply.onCompleted();
                }
              })
              .addService(new LogsServiceGrpc.LogsServiceImplBase() {
                @Override
                public void export(ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> reply) {
                  logs.consume(request);
                  reply.onNext(ExportLogsServiceResponse.getDefaultInstance());
                  reply.onCompleted();
                }
              })
              .build()
              .start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
