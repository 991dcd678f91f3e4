package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.AdminTasks;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exporter's entry edited under a running gateway (its backend moved): the exporter is rebuilt
 * in place, and the spans its old instance held for a dead backend, in its queue and in its retry
 * loop, arrive at the new one; a change of the queue's kind waits for a restart.
 */
class ExporterRebuildEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        batch: { timeout: 100ms, send_batch_size: 5 }
      exporters:
        otlp:
          endpoint: 127.0.0.1:BACKEND_PORT
          tls: { insecure: true }
          timeout: 2s
          retry_on_failure: { initial_interval: 1s, max_interval: 2s, max_elapsed_time: 10m }
          sending_queue: { num_consumers: 2 }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [otlp] }
        config_watch_interval: 0s
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  final int deadPort = FreePorts.next();
  final HttpClient http = HttpClient.newHttpClient();
  OtlpBackend moved;
  GatewayUnderTest gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (moved != null) {
      moved.close();
    }
  }

  @Test
  void spansQueuedForAMovedBackendArriveAtItsNewEndpointAfterTheReload() throws Exception {
    gateway = new GatewayUnderTest(CONFIG, deadPort).start();
    send(30);
    assertThat(
            Await.until(
                () ->
                    metric("tailgate_exporter_send_failed_spans_total") == 0
                        && metric("tailgate_receiver_accepted_spans_total") == 30,
                Duration.ofSeconds(10)))
        .as("accepted; waiting in the exporter for the dead backend")
        .isTrue();
    // Past the batch processor, the spans sit in the exporter's retry loop (status page: retrying).
    assertThat(Await.until(() -> statusJson().contains("\"retrying\":1"), Duration.ofSeconds(10)))
        .as("the exporter retries the dead backend")
        .isTrue();
    moved = new OtlpBackend(FreePorts.next()).start();
    Files.writeString(
        gateway.configFile(),
        Files.readString(gateway.configFile())
            .replace("127.0.0.1:" + deadPort, "127.0.0.1:" + moved.port()));

    HttpResponse<String> reload = postReload();

    assertThat(reload.statusCode()).isEqualTo(200);
    assertThat(reload.body()).contains("exporters.otlp (traces): rebuilt");
    assertThat(Await.until(() -> moved.traces.items() >= 30, Duration.ofSeconds(20))).isTrue();
    assertThat(moved.traces.items())
        .as("at least once; only a batch cut off mid-attempt may repeat")
        .isBetween(30, 35);

    send(10);
    assertThat(Await.until(() -> moved.traces.items() >= 40, Duration.ofSeconds(10))).isTrue();
    assertThat(metric("tailgate_exporter_queue_size")).isZero();
  }

  @Test
  void aChangeOfTheQueuesKindWaitsForARestart() throws Exception {
    moved = new OtlpBackend(FreePorts.next()).start();
    gateway = new GatewayUnderTest(CONFIG, moved.port()).start();
    Files.writeString(
        gateway.configFile(),
        Files.readString(gateway.configFile())
            .replace("sending_queue: { num_consumers: 2 }", "sending_queue: { enabled: false }"));

    HttpResponse<String> reload = postReload();

    assertThat(reload.body())
        .contains(
            "exporters.otlp.sending_queue: enabled or storage changed; takes effect on restart");
    send(5);
    assertThat(Await.until(() -> moved.traces.items() >= 5, Duration.ofSeconds(10))).isTrue();
  }

  void send(int spans) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                    .build())
            .build()) {
      Tracer tracer = provider.get("rebuild");
      for (int i = 0; i < spans; i++) {
        tracer.spanBuilder("op-" + i).startSpan().end();
      }
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
  }

  HttpResponse<String> postReload() throws Exception {
    return AdminTasks.reload(gateway);
  }

  String statusJson() {
    try {
      return gateway.admin("/status.json").body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The value of a self-metric without labels beyond the exporter's, from /metrics. */
  double metric(String name) {
    String body;
    try {
      body =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + gateway.adminPort + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return body.lines()
        .filter(line -> line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
