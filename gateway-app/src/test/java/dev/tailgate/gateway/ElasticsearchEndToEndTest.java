package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.exporter.elasticsearch.OpenSearchNode;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry SDK sends traces and logs to the real gateway, which batches them and
 * writes them with its elasticsearch exporter into data streams of a real OpenSearch node (started
 * once for the class, with index templates for {@code traces-*-*} and {@code logs-*-*}); {@code
 * _search} reads the documents back.
 */
class ElasticsearchEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      processors:
        batch: { send_batch_size: 1000, timeout: 50ms }
      exporters:
        elasticsearch:
          endpoint: http://127.0.0.1:BACKEND_PORT
          dead_letter: { path: DEAD_LETTER_PATH }
          sending_queue: { num_consumers: 1 }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [batch], exporters: [elasticsearch] }
          logs:   { receivers: [otlp], processors: [batch], exporters: [elasticsearch] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  private static final Duration ARRIVAL = Duration.ofSeconds(20);
  private static final String MATCH_ALL = "{\"query\":{\"match_all\":{}}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  static OpenSearchNode openSearch;
  static GatewayUnderTest gateway;
  static Path deadLetters;

  @BeforeAll
  static void start(@TempDir Path home, @TempDir Path deadLetterDirectory) throws Exception {
    openSearch = new OpenSearchNode(home);
    deadLetters = deadLetterDirectory.resolve("dead-letters.ndjson");
    gateway =
        new GatewayUnderTest(
                CONFIG.replace("DEAD_LETTER_PATH", deadLetters.toString()),
                openSearch.endpoint().getPort())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (openSearch != null) {
      openSearch.close();
    }
  }

  @Test
  void sdkSpansLandInDataStreamsChosenByTheirAttributesWithEveryField() throws Exception {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.builder()
                            .put("service.name", "checkout")
                            .put("data_stream.namespace", "e2e")
                            .build()))
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build()))
            .build()) {
      Tracer tracer = provider.get("shop.checkout", "2.1.0");
      Span parent =
          tracer
              .spanBuilder("GET /cart")
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.route", "/cart")
              .startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Span child =
            tracer
                .spanBuilder("SELECT cart")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("data_stream.dataset", "db")
                .setAttribute("db.rows", 3L)
                .startSpan();
        child.addEvent("rows fetched", Attributes.of(AttributeKey.longKey("count"), 3L));
        child.setStatus(StatusCode.ERROR, "slow");
        child.end();
      }
      parent.end();
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess())
          .as("the gateway accepts the spans")
          .isTrue();
    }

    awaitHits("traces-*-e2e", 2);
    assertThat(openSearch.dataStreams("traces-*-e2e"))
        .containsExactlyInAnyOrder("traces-generic-e2e", "traces-db-e2e");
    JsonNode server = single("traces-generic-e2e");
    JsonNode client = single("traces-db-e2e");
    assertThat(server.path("name").asText()).isEqualTo("GET /cart");
    assertThat(server.path("kind").asText()).isEqualTo("Server");
    assertThat(server.path("attributes").path("http.route").asText()).isEqualTo("/cart");
    assertThat(server.path("resource").path("attributes").path("service.name").asText())
        .isEqualTo("checkout");
    assertThat(server.path("scope").path("name").asText()).isEqualTo("shop.checkout");
    assertThat(server.path("scope").path("version").asText()).isEqualTo("2.1.0");
    assertThat(client.path("trace_id").asText())
        .isEqualTo(server.path("trace_id").asText())
        .hasSize(32);
    assertThat(client.path("parent_span_id").asText())
        .isEqualTo(server.path("span_id").asText())
        .hasSize(16);
    assertThat(client.path("status").path("code").asText()).isEqualTo("Error");
    assertThat(client.path("status").path("message").asText()).isEqualTo("slow");
    assertThat(client.path("attributes").path("db.rows").asLong()).isEqualTo(3);
    assertThat(client.path("events").get(0).path("name").asText()).isEqualTo("rows fetched");
    assertThat(client.path("data_stream").path("dataset").asText()).isEqualTo("db");
    assertThat(client.path("duration").asLong()).isPositive();
    JsonNode errors =
        openSearch.search("traces-*-e2e", "{\"query\":{\"match\":{\"status.code\":\"Error\"}}}");
    assertThat(errors.path("total").path("value").asInt())
        .as("indexed and searchable")
        .isEqualTo(1);
  }

  @Test
  void sdkLogsOverHttpLandInTheirDatasetsDataStreamAndAreSearchable() throws Exception {
    sendLogs(
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(gateway.httpEndpoint() + "/v1/logs")
            .build(),
        Resource.builder()
            .put("service.name", "payment")
            .put("data_stream.dataset", "payment.audit")
            .build(),
        logger -> {
          logger
              .logRecordBuilder()
              .setSeverity(Severity.WARN)
              .setSeverityText("WARN")
              .setBody("payment declined")
              .setAttribute(AttributeKey.stringKey("user.id"), "u-17")
              .emit();
          logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("payment accepted").emit();
        });

    awaitHits("logs-payment.audit-*", 2);
    assertThat(openSearch.dataStreams("logs-payment*"))
        .containsExactly("logs-payment.audit-default");
    JsonNode hits =
        openSearch.search(
            "logs-payment.audit-default", "{\"query\":{\"match\":{\"body.text\":\"declined\"}}}");
    assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
    JsonNode doc = hits.path("hits").get(0).path("_source");
    assertThat(doc.path("body").path("text").asText()).isEqualTo("payment declined");
    assertThat(doc.path("severity_text").asText()).isEqualTo("WARN");
    assertThat(doc.path("severity_number").asInt()).isEqualTo(Severity.WARN.getSeverityNumber());
    assertThat(doc.path("attributes").path("user.id").asText()).isEqualTo("u-17");
    assertThat(doc.path("resource").path("attributes").path("service.name").asText())
        .isEqualTo("payment");
    assertThat(doc.path("scope").path("name").asText()).isEqualTo("com.shop.Payments");
    assertThat(doc.path("data_stream").path("type").asText()).isEqualTo("logs");
    assertThat(doc.path("data_stream").path("namespace").asText()).isEqualTo("default");
  }

  @Test
  void aLogWhoseAttributeConflictsWithTheMappingReachesTheDeadLetterFile() throws Exception {
    Resource conflict =
        Resource.builder()
            .put("service.name", "orders")
            .put("data_stream.dataset", "conflict")
            .build();
    sendLogs(
        OtlpGrpcLogRecordExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
        conflict,
        logger ->
            logger
                .logRecordBuilder()
                .setBody("first")
                .setAttribute(AttributeKey.longKey("order"), 42L)
                .emit());
    // The first document fixes attributes.order as a long before the conflicting one is sent.
    awaitHits("logs-conflict-*", 1);
    sendLogs(
        OtlpGrpcLogRecordExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
        conflict,
        logger ->
            logger
                .logRecordBuilder()
                .setBody("second")
                .setAttribute(
                    AttributeKey.valueKey("order"), Value.of(KeyValue.of("id", Value.of(42L))))
                .emit());

    assertThat(Await.until(() -> deadLetterLines().size() == 1, ARRIVAL))
        .as("one dead letter in " + deadLetters)
        .isTrue();
    JsonNode letter = JSON.readTree(deadLetterLines().get(0));
    assertThat(letter.path("index").asText()).isEqualTo("logs-conflict-default");
    assertThat(letter.path("status").asInt()).isEqualTo(400);
    assertThat(letter.path("reason").asText())
        .contains("mapper_parsing_exception")
        .contains("attributes.order");
    assertThat(letter.path("document").path("body").path("text").asText()).isEqualTo("second");
    assertThat(letter.path("document").path("attributes").path("order").path("id").asLong())
        .isEqualTo(42);
    openSearch.refresh("logs-conflict-default");
    JsonNode stored = openSearch.search("logs-conflict-default", MATCH_ALL);
    assertThat(stored.path("total").path("value").asInt())
        .as("only the first document is indexed")
        .isEqualTo(1);
    assertThat(stored.path("hits").get(0).path("_source").path("body").path("text").asText())
        .isEqualTo("first");
  }

  private static void sendLogs(
      LogRecordExporter exporter, Resource resource, Consumer<Logger> emit) {
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(resource)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build()) {
      emit.accept(provider.get("com.shop.Payments"));
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess())
          .as("the gateway accepts the logs")
          .isTrue();
    }
  }

  /**
   * Waits until {@code pattern} (a wildcard, so it may match nothing yet) holds {@code count}
   * searchable documents.
   */
  private static void awaitHits(String pattern, int count) throws InterruptedException {
    assertThat(Await.until(() -> hits(pattern) == count, ARRIVAL))
        .as(count + " documents in " + pattern)
        .isTrue();
  }

  private static int hits(String pattern) {
    try {
      openSearch.refresh(pattern);
      return openSearch.search(pattern, MATCH_ALL).path("total").path("value").asInt();
    } catch (AssertionError e) {
      // A data stream created a moment ago may not have its shard started yet ("all shards
      // failed").
      if (String.valueOf(e.getMessage()).contains("HTTP 503")) {
        return -1;
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode single(String index) throws Exception {
    JsonNode hits = openSearch.search(index, MATCH_ALL);
    assertThat(hits.path("total").path("value").asInt()).as(index).isEqualTo(1);
    return hits.path("hits").get(0).path("_source");
  }

  private static List<String> deadLetterLines() {
    try {
      return Files.exists(deadLetters) ? Files.readAllLines(deadLetters) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
