package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transport: unix} on both OTLP protocols, as a node-local agent's sidecar uses it: a gRPC
 * client (grpc-java over Netty's epoll domain sockets) and curl ({@code --unix-socket}) send spans
 * that reach the backend; the socket files are gone after the gateway stops. (The OpenTelemetry
 * Java SDK's exporters cannot dial a unix socket, so these two real clients stand in for it.)
 */
class UnixSocketEndToEndTest {
  @TempDir Path dir;

  @Test
  void spansSentOverUnixSocketsByGrpcAndHttpReachTheBackend() throws Exception {
    Path grpcSocket = dir.resolve("grpc.sock");
    Path httpSocket = dir.resolve("http.sock");
    String config =
        """
        receivers:
          otlp:
            protocols:
              grpc: { transport: unix, endpoint: GRPC_SOCKET }
              http: { transport: unix, endpoint: HTTP_SOCKET }
        exporters:
          otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [otlp] }
        server:
          adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
        logging: { level: WARN }
        """
            .replace("GRPC_SOCKET", grpcSocket.toString())
            .replace("HTTP_SOCKET", httpSocket.toString());
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start()) {
      try (GatewayUnderTest gateway = new GatewayUnderTest(config, backend.port()).start()) {
        sendOverGrpc(grpcSocket, "over-grpc");
        Process curl =
            new ProcessBuilder(
                    "curl",
                    "-sS",
                    "--unix-socket",
                    httpSocket.toString(),
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "-H",
                    "Content-Type: application/json",
                    "--data-binary",
                    "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":"
                        + "\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\","
                        + "\"name\":\"over-http\",\"startTimeUnixNano\":\"1\","
                        + "\"endTimeUnixNano\":\"2\"}]}]}]}",
                    "http://localhost/v1/traces")
                .redirectErrorStream(true)
                .start();
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("200");

        assertThat(Await.until(() -> backend.traces.items() >= 2, Duration.ofSeconds(15))).isTrue();
        assertThat(
                backend.traces.merged().getResourceSpansList().stream()
                    .flatMap(r -> r.getScopeSpansList().stream())
                    .flatMap(s -> s.getSpansList().stream())
                    .map(Span::getName)
                    .toList())
            .containsExactlyInAnyOrder("over-grpc", "over-http");
      }
    }
    assertThat(List.of(Files.exists(grpcSocket), Files.exists(httpSocket)))
        .as("socket files removed on stop")
        .containsOnly(false);
  }

  private static void sendOverGrpc(Path socket, String name) throws InterruptedException {
    EpollEventLoopGroup group = new EpollEventLoopGroup(1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(group)
            .usePlaintext()
            .build();
    try {
      TraceServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .export(
              ExportTraceServiceRequest.newBuilder()
                  .addResourceSpans(
                      ResourceSpans.newBuilder()
                          .addScopeSpans(
                              ScopeSpans.newBuilder()
                                  .addSpans(
                                      Span.newBuilder()
                                          .setTraceId(ByteString.copyFrom(id(16)))
                                          .setSpanId(ByteString.copyFrom(id(8)))
                                          .setName(name)
                                          .setStartTimeUnixNano(1)
                                          .setEndTimeUnixNano(2))))
                  .build());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      group.shutdownGracefully();
    }
  }

  private static byte[] id(int length) {
    byte[] id = new byte[length];
    for (int i = 0; i < length; i++) {
      id[i] = (byte) (i + 1);
    }
    return id;
  }
}
