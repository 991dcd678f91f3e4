package dev.tailgate.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.pipeline.config.Endpoint;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTraceSenderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final PayloadPool pool = new PayloadPool(new PayloadFactory(10, 3), 2, 1);
  private HttpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  private Endpoint serve(int status, byte[] body, AtomicReference<byte[]> received)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          received.set(exchange.getRequestBody().readAllBytes());
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return new Endpoint("127.0.0.1", server.getAddress().getPort());
  }

  @Test
  void postsPreEncodedRequestAndReadsPartialSuccess() throws Exception {
    byte[] partial =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(3))
            .build()
            .toByteArray();
    AtomicReference<byte[]> received = new AtomicReference<>();
    Endpoint endpoint = serve(200, partial, received);

    SendResult result;
    try (HttpTraceSender sender = new HttpTraceSender(endpoint, pool, TIMEOUT)) {
      result = sender.send(1);
    }

    assertThat(result).isEqualTo(SendResult.accepted(3));
    assertThat(ExportTraceServiceRequest.parseFrom(received.get()))
        .isEqualTo(ExportTraceServiceRequest.parseFrom(pool.encoded(1)));
  }

  @Test
  void countsServerErrorStatusAsRefused() throws Exception {
    Endpoint endpoint = serve(503, new byte[0], new AtomicReference<>());

    try (HttpTraceSender sender = new HttpTraceSender(endpoint, pool, TIMEOUT)) {
      assertThat(sender.send(0)).isEqualTo(SendResult.REFUSED);
    }
  }

  @Test
  void countsClosedPortAsFailed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    try (HttpTraceSender sender =
        new HttpTraceSender(new Endpoint("127.0.0.1", closedPort), pool, TIMEOUT)) {
      assertThat(sender.send(0)).isEqualTo(SendResult.FAILED);
    }
  }
}
