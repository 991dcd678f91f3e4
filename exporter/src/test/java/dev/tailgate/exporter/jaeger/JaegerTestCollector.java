package dev.tailgate.exporter.jaeger;

import dev.tailgate.exporter.jaeger.proto.CollectorServiceGrpc;
import dev.tailgate.exporter.jaeger.proto.PostSpansRequest;
import dev.tailgate.exporter.jaeger.proto.PostSpansResponse;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for a Jaeger collector (none can run here): a real gRPC server on 127.0.0.1 serving
 * {@code jaeger.api_v2.CollectorService/PostSpans}. It records every request it accepts and the
 * metadata of every call, and fails the calls a test names (by their number) with its errors.
 */
final class JaegerTestCollector implements AutoCloseable {
  private final Server server;
  private final Map<Integer, StatusRuntimeException> failures = new HashMap<>();
  private final List<PostSpansRequest> accepted = new ArrayList<>();
  private final List<Metadata> headers = new ArrayList<>();
  private int attempts;

  private JaegerTestCollector(ServerCredentials credentials) throws IOException {
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            synchronized (JaegerTestCollector.this) {
              headers.add(metadata);
            }
            return next.startCall(call, metadata);
          }
        };
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
            .addService(ServerInterceptors.intercept(new Collector(), recordHeaders))
            .build()
            .start();
  }

  static JaegerTestCollector start() {
    return start(InsecureServerCredentials.create());
  }

  static JaegerTestCollector start(ServerCredentials credentials) {
    try {
      return new JaegerTestCollector(credentials);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** Call number {@code attempt} (counting from 1) fails with {@code error}. */
  synchronized void failAttempt(int attempt, StatusRuntimeException error) {
    failures.put(attempt, error);
  }

  synchronized List<PostSpansRequest> accepted() {
    return List.copyOf(accepted);
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized List<Metadata> headers() {
    return List.copyOf(headers);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Collector extends CollectorServiceGrpc.CollectorServiceImplBase {
    @Override
    public void postSpans(PostSpansRequest request, StreamObserver<PostSpansResponse> out) {
      StatusRuntimeException failure;
      synchronized (JaegerTestCollector.this) {
        attempts++;
        failure = failures.remove(attempts);
        if (failure == null) {
          accepted.add(request);
        }
      }
      if (failure != null) {
        out.onError(failure);
        return;
      }
      out.onNext(PostSpansResponse.getDefaultInstance());
      out.onCompleted();
    }
  }
}
