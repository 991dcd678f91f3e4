package dev.tailgate.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.pipeline.config.Endpoint;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcTraceSenderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final PayloadPool pool = new PayloadPool(new PayloadFactory(10, 3), 2, 1);
  private Server server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  private Endpoint serve(TraceServiceGrpc.TraceServiceImplBase service) throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
    return new Endpoint("127.0.0.1", server.getPort());
  }

  @Test
  void sendsEncodedBytesThatParseAsTheRequest() throws Exception {
    ExportTraceServiceRequest[] received = new ExportTraceServiceRequest[1];
    Endpoint endpoint =
        serve(
            new TraceServiceGrpc.TraceServiceImplBase() {
              @Override
              public void export(
                  ExportTraceServiceRequest request,
                  StreamObserver<ExportTraceServiceResponse> response) {
                received[0] = request;
                response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                response.onCompleted();
              }
            });

    SendResult result;
    try (GrpcTraceSender sender = new GrpcTraceSender(endpoint, pool, TIMEOUT)) {
      result = sender.send(0);
    }

    assertThat(result).isEqualTo(SendResult.accepted(0));
    assertThat(received[0]).isEqualTo(ExportTraceServiceRequest.parseFrom(pool.encoded(0)));
  }

  @Test
  void countsErrorStatusFromServerAsRefused() throws Exception {
    Endpoint endpoint =
        serve(
            new TraceServiceGrpc.TraceServiceImplBase() {
              @Override
              public void export(
                  ExportTraceServiceRequest request,
                  StreamObserver<ExportTraceServiceResponse> response) {
                response.onError(Status.RESOURCE_EXHAUSTED.asRuntimeException());
              }
            });

    try (GrpcTraceSender sender = new GrpcTraceSender(endpoint, pool, TIMEOUT)) {
      assertThat(sender.send(0)).isEqualTo(SendResult.REFUSED);
    }
  }

  @Test
  void countsClosedPortAsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    try (GrpcTraceSender sender =
        new GrpcTraceSender(new Endpoint("127.0.0.1", closedPort), pool, TIMEOUT)) {
      assertThat(sender.send(0)).isEqualTo(SendResult.FAILED);
    }
  }
}
