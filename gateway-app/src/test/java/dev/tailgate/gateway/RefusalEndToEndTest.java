package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dead backend fills its exporter's queue; then the receivers refuse with a retryable status and
 * a retry delay (HTTP 503 + Retry-After, gRPC UNAVAILABLE + RetryInfo) instead of buffering without
 * bound.
 */
class RefusalEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      exporters:
        otlp:
          endpoint: 127.0.0.1:BACKEND_PORT
          tls: { insecure: true }
          timeout: 1s
          sending_queue: { num_consumers: 1, queue_size: 1 }
          retry_on_failure: { initial_interval: 1h, max_interval: 1h, max_elapsed_time: 0 }
      service:
        pipelines:
          traces: { receivers: [otlp], exporters: [otlp] }
        drain_timeout: 1s
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = new GatewayUnderTest(CONFIG, FreePorts.next()).start();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void fullQueueGets503WithRetryAfterOverHttpAndUnavailableWithRetryInfoOverGrpc()
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    byte[] body = BadInputEndToEndTest.request("queued").toByteArray();
    HttpResponse<byte[]> refused = null;
    // One batch is stuck in the consumer's retry, one fills the queue; at most a few more are
    // needed.
    for (int i = 0; i < 10 && refused == null; i++) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + "/v1/traces"))
                  .header("Content-Type", "application/x-protobuf")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        refused = response;
      }
    }
    assertThat(refused).isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());

    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort).usePlaintext().build();
    try {
      StatusRuntimeException error = null;
      try {
        TraceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .export(BadInputEndToEndTest.request("refused"));
      } catch (StatusRuntimeException e) {
        error = e;
      }
      assertThat(error).isNotNull();
      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      com.google.rpc.Status details = StatusProto.fromThrowable(error);
      assertThat(details).isNotNull();
      assertThat(details.getDetailsList())
          .anySatisfy(
              any -> {
                try {
                  assertThat(any.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isPositive();
                } catch (InvalidProtocolBufferException e) {
                  throw new AssertionError(e);
                }
              });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    var metrics = gateway.admin("/metrics").body();
    assertThat(metrics).contains("tailgate_exporter_enqueue_failed_spans_total{exporter=\"otlp\"}");
    assertThat(gateway.admin("/healthcheck").body()).contains("sending queue");
  }
}
