package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter against a stand-in bulk endpoint: item results, whole-request failures, requests.
 */
class ElasticsearchExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final YamlConfig yaml = new YamlConfig("exporters.elasticsearch");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ManualClock clock = new ManualClock();
  private final ComponentSettings settings = TestSettings.of("elasticsearch", meters, clock);
  private final List<Duration> sleeps = new ArrayList<>();
  private final FakeBulkServer server = new FakeBulkServer();
  private final List<Exporter<?>> started = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    started.forEach(Exporter::shutdown);
    server.close();
  }

  /**
   * A started traces exporter without queue (so outcomes reach the caller) and without real sleeps.
   */
  private Exporter<ExportTraceServiceRequest> traces(String extraConfig) {
    ElasticsearchExporterConfig config =
        yaml.bind(
            "endpoint: " + server.uri() + "\nsending_queue: {enabled: false}\n" + extraConfig,
            ElasticsearchExporterConfig.class);
    BulkClient client = BulkClient.of(config, clock);
    Exporter<ExportTraceServiceRequest> exporter =
        new ExporterHelper<>(
            settings,
            Signal.TRACES,
            config.exporterSettings(),
            ElasticsearchExporterFactory.sender(settings, config, Signal.TRACES, client),
            client,
            delay -> {
              sleeps.add(delay);
              clock.advance(delay);
            });
    exporter.start();
    started.add(exporter);
    return exporter;
  }

  private static List<String> names(FakeBulkServer.Request request) {
    return request.sources().stream().map(source -> source.path("name").asText()).toList();
  }

  private double counter(String name) {
    return meters.counter(name, "exporter", "elasticsearch").count();
  }

  @Test
  void resendsOnlyTheDocumentsRefusedWith429() {
    server.then(request -> FakeBulkServer.items("queue full", 201, 429, 201));
    Exporter<ExportTraceServiceRequest> exporter =
        traces("retry_on_failure: {initial_interval: 2s, randomization_factor: 0}");

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(server.requests()).hasSize(2);
    assertThat(names(server.requests().get(0)))
        .containsExactly("GET /cart", "SELECT cart", "charge");
    assertThat(names(server.requests().get(1))).containsExactly("SELECT cart");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(counter("tailgate.exporter.elasticsearch.retried.spans")).isEqualTo(1);
    assertThat(counter("tailgate.exporter.elasticsearch.dead_lettered.spans")).isZero();
  }

  @Test
  void writesRefusedDocumentsToTheDeadLetterFileWithoutRetryingThem() throws IOException {
    Path deadLetters = dir.resolve("dead.ndjson");
    server.then(
        request ->
            FakeBulkServer.items("failed to parse field [attributes.http.route]", 201, 400, 201));
    Exporter<ExportTraceServiceRequest> exporter =
        traces("dead_letter: {path: " + deadLetters + "}");

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(server.requests()).hasSize(1);
    List<String> lines = Files.readAllLines(deadLetters);
    assertThat(lines).hasSize(1);
    JsonNode letter = JSON.readTree(lines.get(0));
    assertThat(letter.path("index").asText()).isEqualTo("traces-generic-default");
    assertThat(letter.path("status").asInt()).isEqualTo(400);
    assertThat(letter.path("reason").asText())
        .isEqualTo("mapper_parsing_exception: failed to parse field [attributes.http.route]");
    assertThat(letter.path("exporter").asText()).isEqualTo("elasticsearch/traces");
    assertThat(letter.path("document").path("name").asText()).isEqualTo("SELECT cart");
    assertThat(counter("tailgate.exporter.elasticsearch.dead_lettered.spans")).isEqualTo(1);
  }

  @Test
  void countsRefusedDocumentsAlsoWhenOnlyLoggingThem() {
    server.then(request -> FakeBulkServer.items("mapping conflict", 400, 400, 201));

    traces("").consume(Batches.of(OtlpSamples.traces()));

    assertThat(counter("tailgate.exporter.elasticsearch.dead_lettered.spans")).isEqualTo(2);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void retriesAWholeRequestRefusedWith429AfterTheRetryAfterDelay() {
    server.then(
        request ->
            new FakeBulkServer.Reply(429, Map.of("Retry-After", "7"), "{\"error\":\"too many\"}"));

    traces("").consume(Batches.of(OtlpSamples.traces()));

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    assertThat(server.requests()).hasSize(2);
    assertThat(names(server.requests().get(1)))
        .containsExactly("GET /cart", "SELECT cart", "charge");
  }

  @Test
  void treatsServerErrorsAsRetryable() {
    server.then(request -> new FakeBulkServer.Reply(503, Map.of(), "unavailable"));

    assertThatThrownBy(
            () ->
                traces("retry_on_failure: {enabled: false}")
                    .consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void failsForGoodOnOtherClientErrors() {
    server.then(request -> new FakeBulkServer.Reply(401, Map.of(), "{\"error\":\"unauthorized\"}"));

    assertThatThrownBy(() -> traces("").consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("unauthorized");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void reportsAnUnreachableBackendAsRetryable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ElasticsearchExporterConfig config =
        yaml.bind(
            "endpoint: http://127.0.0.1:" + closedPort + "\ntimeout: 2s",
            ElasticsearchExporterConfig.class);
    ElasticsearchSender<ExportTraceServiceRequest> sender =
        ElasticsearchExporterFactory.sender(
            settings, config, Signal.TRACES, BulkClient.of(config, clock));

    assertThatThrownBy(() -> sender.send(Batches.of(OtlpSamples.traces()), config.timeout()))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("failed");
  }

  @Test
  void cutsABatchIntoBulkRequestsOfAtMostFlushBytes() {
    // Each span's action and source lines take about 490 bytes here.
    traces("flush: {bytes: 1000}").consume(Batches.of(OtlpSamples.traces()));

    assertThat(server.requests()).extracting(r -> r.sources().size()).containsExactly(2, 1);
    assertThat(server.requests())
        .allSatisfy(
            r ->
                assertThat(Integer.parseInt(r.header("Content-Length"))).isLessThanOrEqualTo(1000));
    assertThat(server.requests().stream().flatMap(r -> names(r).stream()))
        .containsExactly("GET /cart", "SELECT cart", "charge");
  }

  @Test
  void retriesTheStatusesOfRetryOnStatusUpToMaxRetriesThenDeadLettersThem() {
    server.then(request -> FakeBulkServer.items("node failed", 201, 500, 429));
    server.then(request -> FakeBulkServer.items("node failed", 500));
    Exporter<ExportTraceServiceRequest> exporter =
        traces(
            "retry: {max_retries: 1, retry_on_status: [500], initial_interval: 1s, max_interval:"
                + " 1s}");

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(server.requests()).hasSize(2);
    assertThat(names(server.requests().get(1)))
        .as("only the 500 is in retry_on_status; the 429 is dead-lettered at once")
        .containsExactly("SELECT cart");
    assertThat(sleeps).hasSize(1);
    assertThat(counter("tailgate.exporter.elasticsearch.retried.spans")).isEqualTo(1);
    assertThat(counter("tailgate.exporter.elasticsearch.dead_lettered.spans")).isEqualTo(2);
  }

  @Test
  void gzipsTheBodyAndNamesTheIngestPipeline() {
    traces("pipeline: add-team").consume(Batches.of(OtlpSamples.traces()));

    FakeBulkServer.Request request = server.requests().get(0);
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.path()).endsWith("&pipeline=add-team");
    assertThat(request.sources()).hasSize(3);
  }

  @Test
  void sendsAnUncompressedBodyWithCompressionNone() {
    traces("compression: none").consume(Batches.of(OtlpSamples.traces()));

    assertThat(server.requests().get(0).header("Content-Encoding")).isNull();
    assertThat(server.requests().get(0).sources()).hasSize(3);
  }

  @Test
  void sendsPlainNdjsonWithCreateActionsCredentialsAndHeaders() {
    traces("api_key: c2VjcmV0\nheaders: {X-Tenant: acme}")
        .consume(Batches.of(OtlpSamples.traces()));

    FakeBulkServer.Request request = server.requests().get(0);
    assertThat(request.path()).startsWith("/_bulk");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-ndjson");
    assertThat(request.header("Authorization")).isEqualTo("ApiKey c2VjcmV0");
    assertThat(request.header("X-Tenant")).isEqualTo("acme");
    assertThat(request.actions())
        .allSatisfy(
            action ->
                assertThat(action.path("create").path("_index").asText())
                    .isEqualTo("traces-generic-default"));
  }

  @Test
  void sendsBasicAuthForUserAndPassword() {
    traces("user: elastic\npassword: changeme").consume(Batches.of(OtlpSamples.traces()));

    assertThat(server.requests().get(0).header("Authorization"))
        .isEqualTo("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
  }

  @Test
  void takesTheEndpointsInTurn() {
    try (FakeBulkServer other = new FakeBulkServer()) {
      ElasticsearchExporterConfig config =
          yaml.bind(
              "endpoints: ["
                  + server.uri()
                  + ", "
                  + other.uri()
                  + "]\nsending_queue: {enabled: false}",
              ElasticsearchExporterConfig.class);
      BulkClient client = BulkClient.of(config, clock);
      ElasticsearchSender<ExportTraceServiceRequest> sender =
          ElasticsearchExporterFactory.sender(settings, config, Signal.TRACES, client);

      sender.send(Batches.of(OtlpSamples.traces()), config.timeout());
      sender.send(Batches.of(OtlpSamples.traces()), config.timeout());

      assertThat(server.requests()).hasSize(1);
      assertThat(other.requests()).hasSize(1);
    }
  }
}
