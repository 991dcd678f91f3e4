package dev.tailgate.exporter.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.tailgate.exporter.testing.WireExportService;
import dev.tailgate.pipeline.Signal;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A real OTLP/gRPC server on 127.0.0.1 implementing the three services. It records the bytes of
 * every request it accepts (so a test sees exactly what the exporter sent), the request parsed as
 * the Collector would (strings that are not UTF-8 repaired rather than refused), and the metadata
 * of every call. It answers calls with scripted replies (errors or partial successes) in order,
 * then with plain success; a request that does not parse is refused with INVALID_ARGUMENT.
 */
final class OtlpTestBackend implements AutoCloseable {
  private final Server server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final List<Message> accepted = new ArrayList<>();
  private final List<ByteString> wires = new ArrayList<>();
  private final List<Metadata> headers = new ArrayList<>();
  private int attempts;
  private String answerEncoding;

  private sealed interface Reply permits Fail, Partial {}

  private record Fail(StatusRuntimeException error) implements Reply {}

  private record Partial(long rejected, String message) implements Reply {}

  private OtlpTestBackend(
      int port,
      ServerCredentials credentials,
      CompressorRegistry compressors,
      DecompressorRegistry decompressors)
      throws IOException {
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            synchronized (OtlpTestBackend.this) {
              headers.add(metadata);
            }
            return next.startCall(call, metadata);
          }
        };
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials)
            .compressorRegistry(compressors)
            .decompressorRegistry(decompressors)
            .addService(ServerInterceptors.intercept(traces(), recordHeaders))
            .addService(ServerInterceptors.intercept(metrics(), recordHeaders))
            .addService(ServerInterceptors.intercept(logs(), recordHeaders))
            .build()
            .start();
  }

  static OtlpTestBackend start(int port) {
    return start(port, InsecureServerCredentials.create());
  }

  static OtlpTestBackend start(int port, ServerCredentials credentials) {
    return start(
        port,
        credentials,
        CompressorRegistry.getDefaultInstance(),
        DecompressorRegistry.getDefaultInstance());
  }

  /** A backend that reads (and can answer in) exactly the message encodings of {@code codecs}. */
  static OtlpTestBackend startWithCodecs(List<? extends Codec> codecs) {
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    DecompressorRegistry decompressors =
        DecompressorRegistry.emptyInstance().with(Codec.Identity.NONE, false);
    for (Codec codec : codecs) {
      compressors.register(codec);
      decompressors = decompressors.with(codec, true);
    }
    return start(0, InsecureServerCredentials.create(), compressors, decompressors);
  }

  private static OtlpTestBackend start(
      int port,
      ServerCredentials credentials,
      CompressorRegistry compressors,
      DecompressorRegistry decompressors) {
    try {
      return new OtlpTestBackend(port, credentials, compressors, decompressors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** The next call fails with {@code error}. */
  synchronized void failNext(StatusRuntimeException error) {
    replies.add(new Fail(error));
  }

  /** The next call succeeds partially: {@code rejected} items dropped, for {@code message}. */
  synchronized void partialSuccessNext(long rejected, String message) {
    replies.add(new Partial(rejected, message));
  }

  /**
   * Answers from now on compressed with {@code encoding}, as a grpc-go server answers in the
   * request's.
   */
  synchronized void answerCompressedWith(String encoding) {
    answerEncoding = encoding;
  }

  synchronized List<Message> accepted() {
    return List.copyOf(accepted);
  }

  /** The bytes of each accepted request, as they came over the wire (decompressed). */
  synchronized List<ByteString> wires() {
    return List.copyOf(wires);
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized List<Metadata> headers() {
    return List.copyOf(headers);
  }

  /** Waits until {@code count} requests were accepted; false on timeout. */
  synchronized boolean awaitAccepted(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (accepted.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private <R> void handle(
      Signal<? extends Message> signal,
      ByteString wire,
      StreamObserver<R> out,
      R ok,
      BiFunction<Long, String, R> partial) {
    Message request;
    try {
      request = signal.parse(wire);
    } catch (InvalidProtocolBufferException e) {
      request = null;
    }
    Reply reply = null;
    String encoding;
    synchronized (this) {
      encoding = answerEncoding;
      attempts++;
      if (request != null) {
        reply = replies.poll();
        if (!(reply instanceof Fail)) {
          accepted.add(request);
          wires.add(wire);
          notifyAll();
        }
      }
    }
    if (request == null) {
      out.onError(
          Status.INVALID_ARGUMENT.withDescription("request does not parse").asRuntimeException());
      return;
    }
    if (reply instanceof Fail fail) {
      out.onError(fail.error());
      return;
    }
    if (encoding != null) {
      ((ServerCallStreamObserver<R>) out).setCompression(encoding);
    }
    out.onNext(reply instanceof Partial p ? partial.apply(p.rejected(), p.message()) : ok);
    out.onCompleted();
  }

  private ServerServiceDefinition traces() {
    return WireExportService.of(
        TraceServiceGrpc.getExportMethod(),
        (wire, out) ->
            handle(
                Signal.TRACES,
                wire,
                out,
                ExportTraceServiceResponse.getDefaultInstance(),
                (rejected, message) ->
                    ExportTraceServiceResponse.newBuilder()
                        .setPartialSuccess(
                            ExportTracePartialSuccess.newBuilder()
                                .setRejectedSpans(rejected)
                                .setErrorMessage(message))
                        .build()));
  }

  private ServerServiceDefinition metrics() {
    return WireExportService.of(
        MetricsServiceGrpc.getExportMethod(),
        (wire, out) ->
            handle(
                Signal.METRICS,
                wire,
                out,
                ExportMetricsServiceResponse.getDefaultInstance(),
                (rejected, message) ->
                    ExportMetricsServiceResponse.newBuilder()
                        .setPartialSuccess(
                            ExportMetricsPartialSuccess.newBuilder()
                                .setRejectedDataPoints(rejected)
                                .setErrorMessage(message))
                        .build()));
  }

  private ServerServiceDefinition logs() {
    return WireExportService.of(
        LogsServiceGrpc.getExportMethod(),
        (wire, out) ->
            handle(
                Signal.LOGS,
                wire,
                out,
                ExportLogsServiceResponse.getDefaultInstance(),
                (rejected, message) ->
                    ExportLogsServiceResponse.newBuilder()
                        .setPartialSuccess(
                            ExportLogsPartialSuccess.newBuilder()
                                .setRejectedLogRecords(rejected)
                                .setErrorMessage(message))
                        .build()));
  }
}
