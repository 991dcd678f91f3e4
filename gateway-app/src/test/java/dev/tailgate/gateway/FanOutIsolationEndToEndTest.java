package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tailgate.exporter.jaeger.proto.CollectorServiceGrpc;
import dev.tailgate.exporter.jaeger.proto.PostSpansRequest;
import dev.tailgate.exporter.jaeger.proto.PostSpansResponse;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One gateway fanning out to Jaeger, Elasticsearch and Prometheus remote-write: with the Jaeger
 * collector down, the receivers keep accepting and the other backends keep getting everything; once
 * Jaeger is up, its queued spans arrive too. The backends here are stand-ins speaking each wire
 * protocol; the exporters' own tests run against real Prometheus and OpenSearch.
 */
class FanOutIsolationEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp: { protocols: { grpc: { endpoint: 127.0.0.1:GRPC_PORT } } }
      processors:
        batch: { send_batch_size: 50, timeout: 50ms }
      exporters:
        jaeger:
          endpoint: 127.0.0.1:JAEGER_PORT
          tls: { insecure: true }
          timeout: 1s
          retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
        elasticsearch: { endpoint: http://127.0.0.1:ES_PORT, compression: none }
        prometheusremotewrite: { endpoint: http://127.0.0.1:PROM_PORT/api/v1/write }
      service:
        pipelines:
          traces:  { receivers: [otlp], processors: [batch], exporters: [jaeger, elasticsearch] }
          metrics: { receivers: [otlp], processors: [batch], exporters: [prometheusremotewrite, elasticsearch] }
        drain_timeout: 2s
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: ERROR }
      """;

  private final AtomicInteger bulkDocuments = new AtomicInteger();
  private final AtomicInteger remoteWrites = new AtomicInteger();
  private final AtomicInteger jaegerSpans = new AtomicInteger();
  private HttpServer http;
  private Server jaeger;
  private GatewayUnderTest gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (jaeger != null) {
      jaeger.shutdownNow().awaitTermination(5, SECONDS);
    }
    if (http != null) {
      http.stop(0);
    }
  }

  /** One loopback HTTP server answering Elasticsearch's _bulk and Prometheus' remote-write. */
  private int startHttpBackends() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/_bulk",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int documents = (int) body.lines().filter(l -> !l.isBlank()).count() / 2;
          bulkDocuments.addAndGet(documents);
          StringBuilder items = new StringBuilder();
          for (int i = 0; i < documents; i++) {
            items
                .append(i == 0 ? "" : ",")
                .append("{\"create\":{\"_index\":\"x\",\"status\":201}}");
          }
          byte[] reply =
              ("{\"took\":1,\"errors\":false,\"items\":[" + items + "]}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    http.createContext(
        "/api/v1/write",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          remoteWrites.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    http.start();
    return http.getAddress().getPort();
  }

  private void startJaeger(int port) throws IOException {
    jaeger =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(
                new CollectorServiceGrpc.CollectorServiceImplBase() {
                  @Override
                  public void postSpans(
                      PostSpansRequest request, StreamObserver<PostSpansResponse> reply) {
                    jaegerSpans.addAndGet(request.getBatch().getSpansCount());
                    reply.onNext(PostSpansResponse.getDefaultInstance());
                    reply.onCompleted();
                  }
                })
            .build()
            .start();
  }

  @Test
  void aDeadJaegerBlocksNeitherTheReceiversNorTheOtherBackends() throws Exception {
    int httpPort = startHttpBackends();
    int jaegerPort = FreePorts.next();
    gateway =
        new GatewayUnderTest(
                CONFIG
                    .replace("JAEGER_PORT", Integer.toString(jaegerPort))
                    .replace("ES_PORT", Integer.toString(httpPort))
                    .replace("PROM_PORT", Integer.toString(httpPort)),
                0)
            .start();

    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                    .build())
            .build()) {
      for (int i = 0; i < 30; i++) {
        tracing.get("fan-out").spanBuilder("span-" + i).startSpan().end();
      }
      assertThat(tracing.forceFlush().join(10, SECONDS).isSuccess())
          .as("receivers accept")
          .isTrue();
    }
    assertThat(Await.until(() -> bulkDocuments.get() >= 30, Duration.ofSeconds(10)))
        .as("Elasticsearch gets every span")
        .isTrue();

    try (SdkMeterProvider metrics =
        SdkMeterProvider.builder()
            .registerMetricReader(
                PeriodicMetricReader.builder(
                        OtlpGrpcMetricExporter.builder()
                            .setEndpoint(gateway.grpcEndpoint())
                            .build())
                    .setInterval(Duration.ofHours(1))
                    .build())
            .build()) {
      metrics.get("fan-out").counterBuilder("jobs.done").build().add(5);
      assertThat(metrics.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
    assertThat(
            Await.until(
                () -> remoteWrites.get() >= 1 && bulkDocuments.get() >= 31, Duration.ofSeconds(10)))
        .as("Prometheus and Elasticsearch get the metrics")
        .isTrue();
    assertThat(jaegerSpans.get()).isZero();

    startJaeger(jaegerPort);

    assertThat(Await.until(() -> jaegerSpans.get() >= 30, Duration.ofSeconds(15)))
        .as("Jaeger gets its queued spans")
        .isTrue();
    assertThat(jaegerSpans.get()).isEqualTo(30);
  }
}
