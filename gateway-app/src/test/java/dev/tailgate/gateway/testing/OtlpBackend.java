package dev.tailgate.gateway.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.wire.WireScanner;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A real OTLP/gRPC server on loopback that records what the gateway's otlp exporter sends: the
 * bytes exactly as they came ({@link SinkConsumer#wires()}) and their parsed form. It reads
 * requests as raw bytes, so data protobuf-java would refuse to parse strictly (invalid UTF-8) is
 * recorded as it was sent.
 */
public final class OtlpBackend implements AutoCloseable {
  public final SinkConsumer<ExportTraceServiceRequest> traces = new SinkConsumer<>(Signal.TRACES);
  public final SinkConsumer<ExportMetricsServiceRequest> metrics =
      new SinkConsumer<>(Signal.METRICS);
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
              .maxInboundMessageSize(64 * 1024 * 1024)
              .addService(
                  service(
                      TraceServiceGrpc.getExportMethod(),
                      Signal.TRACES,
                      traces,
                      ExportTraceServiceResponse.getDefaultInstance()))
              .addService(
                  service(
                      MetricsServiceGrpc.getExportMethod(),
                      Signal.METRICS,
                      metrics,
                      ExportMetricsServiceResponse.getDefaultInstance()))
              .addService(
                  service(
                      LogsServiceGrpc.getExportMethod(),
                      Signal.LOGS,
                      logs,
                      ExportLogsServiceResponse.getDefaultInstance()))
              .build()
              .start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T, R extends Message> ServerServiceDefinition service(
      MethodDescriptor<T, R> export, Signal<T> signal, SinkConsumer<T> sink, R ok) {
    return ServerInterceptors.intercept(
        definition(export, signal, sink, ok), new OrgIdInterceptor());
  }

  private static <T, R extends Message> ServerServiceDefinition definition(
      MethodDescriptor<T, R> export, Signal<T> signal, SinkConsumer<T> sink, R ok) {
    MethodDescriptor<ByteString, R> raw =
        export.toBuilder(new RawBytes(), export.getResponseMarshaller()).build();
    return ServerServiceDefinition.builder(export.getServiceName())
        .addMethod(
            raw,
            ServerCalls.asyncUnaryCall(
                (bytes, reply) -> {
                  try {
                    int items = WireScanner.of(signal).scan(bytes).items();
                    sink.consume(Batch.ofWire(signal, bytes, items, Lease.NONE).from(ORG_ID.get()));
                  } catch (InvalidProtocolBufferException e) {
                    reply.onError(
                        Status.INVALID_ARGUMENT
                            .withDescription(e.getMessage())
                            .asRuntimeException());
                    return;
                  }
                  reply.onNext(ok);
                  reply.onCompleted();
                }))
        .build();
  }

  /**
   * Each call's {@code X-Scope-OrgID} header (as Mimir, Loki and Tempo read the tenant) becomes the
   * tenant of the batch the sink records, so tests can see whose data the gateway said it sent.
   */
  private static final Context.Key<String> ORG_ID = Context.keyWithDefault("org-id", "");

  private static final class OrgIdInterceptor implements ServerInterceptor {
    private static final Metadata.Key<String> HEADER =
        Metadata.Key.of("x-scope-orgid", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      String orgId = headers.get(HEADER);
      return Contexts.interceptCall(
          Context.current().withValue(ORG_ID, orgId == null ? "" : orgId), call, headers, next);
    }
  }

  /** Request bytes as they arrived. */
  private static final class RawBytes implements MethodDescriptor.Marshaller<ByteString> {
    @Override
    public InputStream stream(ByteString value) {
      return value.newInput();
    }

    @Override
    public ByteString parse(InputStream stream) {
      try {
        return UnsafeByteOperations.unsafeWrap(stream.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
