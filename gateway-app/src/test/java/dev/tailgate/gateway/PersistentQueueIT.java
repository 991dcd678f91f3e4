package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayProcess;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a gateway with a persistent sending queue loses nothing it accepted: the
 * backend is down while spans arrive, the process is killed, the backend comes up, and the
 * restarted gateway delivers every span from the queue directory (at least once).
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class PersistentQueueIT {
  private static final Path JAR =
      Path.of(System.getProperty("basedir", ".")).resolve("target/tailgate.jar");
  private static final int REQUESTS = 5;
  private static final int SPANS_PER_REQUEST = 10;
  private static final int SPANS = REQUESTS * SPANS_PER_REQUEST;
  private static final int SIGKILL_EXIT_CODE = 128 + 9;

  @TempDir Path work;

  private Path config(String name, int grpcPort, int adminPort, int backendPort)
      throws IOException {
    String yaml =
        """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: 127.0.0.1:%d }
        exporters:
          otlp:
            endpoint: 127.0.0.1:%d
            tls: { insecure: true }
            timeout: 5s
            sending_queue: { num_consumers: 2, queue_size: 100, storage: { directory: %s } }
            retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 0 }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [otlp] }
          drain_timeout: 2s
        server:
          adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: %d } ]
          requestLog: { appenders: [] }
        logging:
          level: INFO
          appenders:
            - { type: file, currentLogFilename: %s, archive: false }
        """
            .formatted(
                grpcPort,
                backendPort,
                work.resolve("queue"),
                adminPort,
                work.resolve(name + ".log"));
    return Files.writeString(work.resolve(name + ".yml"), yaml);
  }

  private GatewayProcess startGateway(String name, int grpcPort, int backendPort) throws Exception {
    int adminPort = FreePorts.next();
    Path config = config(name, grpcPort, adminPort, backendPort);
    return GatewayProcess.start(JAR, config, work.resolve(name + ".out"), adminPort);
  }

  private String log(String name) throws IOException {
    Path log = work.resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private long storedBatches() {
    Path directory = work.resolve("queue").resolve("otlp-traces");
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".batch")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Sends {@link #SPANS} spans in {@link #REQUESTS} requests and waits until the SDK's exporter
   * reports every one exported. A flush's result is not enough: the SDK's BatchSpanProcessor can
   * report a flush done while spans still wait in its queue, and a close right after it can drop
   * them. Returns the number of export requests, usually {@link #REQUESTS}.
   */
  private static int sendSpans(int grpcPort) throws InterruptedException {
    SpanCountingExporter exporter =
        new SpanCountingExporter(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + grpcPort)
                .setTimeout(Duration.ofSeconds(30))
                .build());
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter)
                    .setMaxExportBatchSize(SPANS_PER_REQUEST)
                    .setScheduleDelay(Duration.ofMillis(100))
                    .build())
            .build()) {
      for (int request = 0; request < REQUESTS; request++) {
        for (int i = 0; i < SPANS_PER_REQUEST; i++) {
          provider
              .get("kill9")
              .spanBuilder("span-" + (request * SPANS_PER_REQUEST + i))
              .startSpan()
              .end();
        }
        provider.forceFlush().join(15, SECONDS);
      }
      assertThat(Await.until(() -> exporter.exported() == SPANS, Duration.ofSeconds(30)))
          .as(
              "the SDK exported %d spans, got %d (failed: %d)",
              SPANS, exporter.exported(), exporter.failed())
          .isTrue();
      return exporter.requests();
    }
  }

  /** Counts the spans whose export the backend (here the gateway) acknowledged. */
  private static final class SpanCountingExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final AtomicInteger exported = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    SpanCountingExporter(SpanExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CompletableResultCode result = delegate.export(spans);
      result.whenComplete(
          () -> {
            if (result.isSuccess()) {
              requests.incrementAndGet();
              exported.addAndGet(spans.size());
            } else {
              failed.addAndGet(spans.size());
            }
          });
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    int exported() {
      return exported.get();
    }

    int failed() {
      return failed.get();
    }

    int requests() {
      return requests.get();
    }
  }

  @Test
  void spansQueuedOnDiskSurviveAKill9AndAreDeliveredAfterTheRestart() throws Exception {
    int backendPort = FreePorts.next();
    GatewayProcess first = null;
    GatewayProcess second = null;
    try {
      int grpcPort = FreePorts.next();
      first = startGateway("first", grpcPort, backendPort);
      GatewayProcess firstGateway = first;
      assertThat(first.awaitReady(Duration.ofSeconds(90)))
          .as("first gateway ready; its output:%n%s", (Object) firstGateway.output())
          .isTrue();

      int requests = sendSpans(grpcPort);
      assertThat(
              Await.until(
                  () -> firstGateway.metricSum("tailgate_receiver_accepted_spans_total") == SPANS,
                  Duration.ofSeconds(30)))
          .as(
              "the gateway accepted %d spans; metrics:%n%s%nlog:%n%s",
              SPANS, first.metrics(), log("first"))
          .isTrue();
      // One batch per request, since no processor merges them.
      assertThat(Await.until(() -> storedBatches() == requests, Duration.ofSeconds(10)))
          .as(
              "%d batch files in the queue directory, found %d; log:%n%s",
              requests, storedBatches(), log("first"))
          .isTrue();
      assertThat(first.metricSum("tailgate_exporter_send_failed_spans_total")).isZero();

      assertThat(first.kill9()).isEqualTo(SIGKILL_EXIT_CODE);
      assertThat(storedBatches()).isEqualTo(requests);

      try (OtlpBackend backend = new OtlpBackend(backendPort).start()) {
        second = startGateway("second", FreePorts.next(), backendPort);
        GatewayProcess secondGateway = second;
        List<String> expected = IntStream.range(0, SPANS).mapToObj(i -> "span-" + i).toList();
        // Distinct names, not items: a batch sent twice (at least once) must not hide a missing
        // one.
        Await.until(
            () -> spanNameCounts(backend.traces.merged()).size() == SPANS, Duration.ofSeconds(90));
        Map<String, Long> copies = spanNameCounts(backend.traces.merged());
        assertThat(copies.keySet())
            .as(
                "every span delivered after the restart; second gateway's log:%n%s%n%s",
                log("second"), secondGateway.output())
            .containsExactlyInAnyOrderElementsOf(expected);
        long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf(
            "kill -9 test: %d spans sent, %d delivered, %d duplicates%n",
            SPANS, backend.traces.items(), duplicates);

        assertThat(Await.until(() -> storedBatches() == 0, Duration.ofSeconds(10)))
            .as("batch files deleted once sent")
            .isTrue();
        assertThat(log("second")).contains("stored by an earlier run will be sent");
      }
    } finally {
      if (second != null) {
        second.close();
      }
      if (first != null) {
        first.close();
      }
    }
  }

  private static Map<String, Long> spanNameCounts(ExportTraceServiceRequest all) {
    return all.getResourceSpansList().stream()
        .flatMap(resource -> resource.getScopeSpansList().stream())
        .flatMap(scope -> scope.getSpansList().stream())
        .collect(Collectors.groupingBy(Span::getName, TreeMap::new, Collectors.counting()));
  }
}
