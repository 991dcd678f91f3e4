package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real heap against two memory limiters: one whose limit (1 MiB) any JVM exceeds, which makes
 * the receivers refuse traces with a retryable status and a retry delay (HTTP 503 + Retry-After,
 * gRPC UNAVAILABLE + RetryInfo), and one as large as the heap, which passes logs on untouched. That
 * a limiter accepts again once memory is freed is shown by the processor's unit tests with a fake
 * memory source: a test cannot make the real heap shrink on cue.
 */
class MemoryLimiterEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      processors:
        memory_limiter/tiny: { check_interval: 1s, limit_mib: 2, spike_limit_mib: 1 }
        memory_limiter/roomy: { check_interval: 1s, limit_percentage: 100, spike_limit_percentage: 1 }
        batch: { timeout: 50ms }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [memory_limiter/tiny, batch], exporters: [otlp] }
          logs:   { receivers: [otlp], processors: [memory_limiter/roomy, batch], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  static OtlpBackend backend;
  static GatewayUnderTest gateway;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway = new GatewayUnderTest(CONFIG, backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + path))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void overTheLimitHttpGets503WithRetryAfter() throws Exception {
    var refused = post("/v1/traces", BadInputEndToEndTest.request("too-much").toByteArray());

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("memory_limiter/tiny", "above the soft limit 1 MiB");
  }

  @Test
  void overTheLimitGrpcGetsUnavailableWithRetryInfo() throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.grpcPort).usePlaintext().build();
    try {
      StatusRuntimeException error = null;
      try {
        TraceServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .export(BadInputEndToEndTest.request("too-much"));
      } catch (StatusRuntimeException e) {
        error = e;
      }

      assertThat(error).isNotNull();
      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(error.getStatus().getDescription()).contains("memory_limiter/tiny");
      com.google.rpc.Status details = StatusProto.fromThrowable(error);
      assertThat(details).isNotNull();
      assertThat(details.getDetailsList())
          .anySatisfy(
              any -> {
                try {
                  assertThat(any.unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);
                } catch (InvalidProtocolBufferException e) {
                  throw new AssertionError(e);
                }
              });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void underTheLimitDataPassesOn() throws Exception {
    var logs =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .addLogRecords(
                                LogRecord.newBuilder()
                                    .setBody(
                                        AnyValue.newBuilder().setStringValue("plenty of room")))))
            .build();

    assertThat(post("/v1/logs", logs.toByteArray()).statusCode()).isEqualTo(200);
    assertThat(Await.until(() -> backend.logs.items() >= 1, Duration.ofSeconds(10))).isTrue();
    assertThat(
            backend
                .logs
                .merged()
                .getResourceLogs(0)
                .getScopeLogs(0)
                .getLogRecords(0)
                .getBody()
                .getStringValue())
        .isEqualTo("plenty of room");
  }

  @Test
  void selfMetricsShowRefusalAndHeapUse() throws Exception {
    post("/v1/traces", BadInputEndToEndTest.request("counted").toByteArray());

    String metrics = gateway.admin("/metrics").body();

    assertThat(metrics)
        .contains(
            "tailgate_processor_memory_limiter_refused_spans_total{processor=\"memory_limiter/tiny\"}")
        .contains("tailgate_processor_memory_limiter_refusing{processor=\"memory_limiter/tiny\"} 1")
        .contains(
            "tailgate_processor_memory_limiter_refusing{processor=\"memory_limiter/roomy\"} 0")
        .contains(
            "tailgate_processor_memory_limiter_heap_used_bytes{processor=\"memory_limiter/tiny\"}");
  }

  @Test
  void readinessReportsTheRefusingLimiterWhileLivenessStaysUp() throws Exception {
    var health = gateway.admin("/healthcheck");

    assertThat(health.statusCode()).as("readiness: do not send traffic here").isEqualTo(500);
    assertThat(health.body()).contains("memory_limiter/tiny").contains("above the soft limit");
    assertThat(gateway.admin("/ping").statusCode())
        .as("liveness: the process works")
        .isEqualTo(200);
  }
}
