package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter against a real OpenSearch node (started once for the class, in this JVM), fed with
 * traces and logs made by the real OpenTelemetry SDK. Index templates with {@code data_stream: {}}
 * for {@code traces-*-*} and {@code logs-*-*} are created first, as users would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchExporterOpenSearchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Exporter<?>> exporters = new ArrayList<>();
  private OpenSearchNode openSearch;

  @TempDir Path dir;

  @BeforeAll
  void startOpenSearch(@TempDir Path home) throws Exception {
    openSearch = new OpenSearchNode(home);
  }

  @AfterAll
  void stopOpenSearch() throws IOException {
    exporters.forEach(Exporter::shutdown);
    if (openSearch != null) {
      openSearch.close();
    }
  }

  @Test
  void writesSdkTracesToDataStreamsChosenByAttributes() throws Exception {
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, "");
    try (OtlpHttpSink sink =
        new OtlpHttpSink(Map.of("/v1/traces", new OtlpHttpSink.Route<>(Signal.TRACES, exporter)))) {
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setResource(
                  Resource.getDefault()
                      .merge(
                          Resource.create(
                              Attributes.of(
                                  AttributeKey.stringKey("service.name"), "checkout",
                                  AttributeKey.stringKey("data_stream.namespace"), "e2e"))))
              .addSpanProcessor(
                  SimpleSpanProcessor.create(
                      OtlpHttpSpanExporter.builder()
                          .setEndpoint(sink.endpoint("/v1/traces"))
                          .build()))
              .build();
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
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      provider.shutdown().join(10, TimeUnit.SECONDS);

      openSearch.refresh("traces-*");
      assertThat(openSearch.dataStreams("traces-*"))
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

      JsonNode hits =
          openSearch.search("traces-*", "{\"query\":{\"match\":{\"status.code\":\"Error\"}}}");
      assertThat(hits.path("total").path("value").asInt())
          .as("indexed and searchable")
          .isEqualTo(1);
    }
  }

  @Test
  void writesSdkLogsInEcsMode() throws Exception {
    Exporter<ExportLogsServiceRequest> exporter = exporter(Signal.LOGS, "mapping: {mode: ecs}");
    try (OtlpHttpSink sink =
        new OtlpHttpSink(Map.of("/v1/logs", new OtlpHttpSink.Route<>(Signal.LOGS, exporter)))) {
      SdkLoggerProvider provider =
          SdkLoggerProvider.builder()
              .setResource(
                  Resource.create(
                      Attributes.of(
                          AttributeKey.stringKey("service.name"), "payment",
                          AttributeKey.stringKey("host.name"), "node-7",
                          AttributeKey.stringKey("data_stream.dataset"), "payment.audit")))
              .addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(
                      OtlpHttpLogRecordExporter.builder()
                          .setEndpoint(sink.endpoint("/v1/logs"))
                          .build()))
              .build();
      Logger logger = provider.get("com.shop.Payments");
      logger
          .logRecordBuilder()
          .setSeverity(Severity.WARN)
          .setSeverityText("WARN")
          .setBody("payment declined")
          .setAttribute(AttributeKey.stringKey("user.id"), "u-17")
          .emit();
      logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("payment accepted").emit();
      assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      provider.shutdown().join(10, TimeUnit.SECONDS);

      openSearch.refresh("logs-payment.audit-default");
      assertThat(openSearch.dataStreams("logs-payment*"))
          .containsExactly("logs-payment.audit-default");
      JsonNode hits =
          openSearch.search(
              "logs-payment.audit-default", "{\"query\":{\"match\":{\"message\":\"declined\"}}}");
      assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
      JsonNode doc = hits.path("hits").get(0).path("_source");
      assertThat(doc.path("log.level").asText()).isEqualTo("WARN");
      assertThat(doc.path("service.name").asText()).isEqualTo("payment");
      assertThat(doc.path("host.hostname").asText()).isEqualTo("node-7");
      assertThat(doc.path("log.logger").asText()).isEqualTo("com.shop.Payments");
      assertThat(doc.path("user.id").asText()).isEqualTo("u-17");
      JsonNode info =
          openSearch.search(
              "logs-payment.audit-default", "{\"query\":{\"match\":{\"log.level\":\"INFO\"}}}");
      assertThat(info.path("total").path("value").asInt())
          .as("log.level from the severity number")
          .isEqualTo(1);
    }
  }

  @Test
  void writesADocumentThatConflictsWithTheMappingToTheDeadLetterFile() throws Exception {
    Path deadLetters = dir.resolve("dead-letters.ndjson");
    Exporter<ExportLogsServiceRequest> exporter =
        exporter(Signal.LOGS, "dead_letter: {path: " + deadLetters + "}");
    AnyValue number = AnyValue.newBuilder().setIntValue(42).build();
    AnyValue object =
        AnyValue.newBuilder()
            .setKvlistValue(
                KeyValueList.newBuilder()
                    .addValues(KeyValue.newBuilder().setKey("id").setValue(number)))
            .build();

    exporter.consume(Batches.of(conflictLogs("first", number)));
    exporter.consume(Batches.of(conflictLogs("second", object)));

    openSearch.refresh("logs-conflict-default");
    JsonNode hits = openSearch.search("logs-conflict-default", "{\"query\":{\"match_all\":{}}}");
    assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
    List<String> lines = Files.readAllLines(deadLetters);
    assertThat(lines).hasSize(1);
    JsonNode letter = JSON.readTree(lines.get(0));
    assertThat(letter.path("index").asText()).isEqualTo("logs-conflict-default");
    assertThat(letter.path("status").asInt()).isEqualTo(400);
    assertThat(letter.path("reason").asText())
        .contains("mapper_parsing_exception")
        .contains("attributes.order");
    assertThat(letter.path("document").path("body").path("text").asText()).isEqualTo("second");
    assertThat(letter.path("document").path("attributes").path("order").path("id").asLong())
        .isEqualTo(42);
  }

  @Test
  void routesByTheElasticsearchIndexAttributeWithGzippedBodies() throws Exception {
    // gzip is the default, as in the Collector: OpenSearch reads Content-Encoding: gzip.
    Exporter<ExportLogsServiceRequest> exporter = exporter(Signal.LOGS, "compression: gzip");

    exporter.consume(
        Batches.of(
            logs(
                MAY_31,
                text("checkout audited"),
                stringAttribute("elasticsearch.index", "audit-trail"))));

    openSearch.refresh("audit-trail");
    JsonNode doc = single("audit-trail");
    assertThat(doc.path("body").path("text").asText()).isEqualTo("checkout audited");
    assertThat(openSearch.dataStreams("logs-*")).doesNotContain("logs-generic-default");
  }

  @Test
  void appendsTheRecordsDateToTheIndexInLogstashFormat() throws Exception {
    Exporter<ExportLogsServiceRequest> exporter =
        exporter(Signal.LOGS, "logs_index: shop-logs\nlogstash_format: {enabled: true}");

    exporter.consume(Batches.of(logs(MAY_31, text("order placed"))));

    openSearch.refresh("shop-logs-2024.05.31");
    assertThat(single("shop-logs-2024.05.31").path("body").path("text").asText())
        .isEqualTo("order placed");
  }

  @Test
  void sendsDocumentsThroughTheIngestPipeline() throws Exception {
    openSearch.call(
        "PUT",
        "/_ingest/pipeline/add-team",
        "{\"processors\":[{\"set\":{\"field\":\"team\",\"value\":\"payments\"}}]}");
    Exporter<ExportLogsServiceRequest> exporter =
        exporter(Signal.LOGS, "logs_index: piped\npipeline: add-team");

    exporter.consume(Batches.of(logs(MAY_31, text("refund issued"))));

    openSearch.refresh("piped");
    JsonNode doc = single("piped");
    assertThat(doc.path("team").asText()).isEqualTo("payments");
    assertThat(doc.path("body").path("text").asText()).isEqualTo("refund issued");
  }

  @Test
  void writesTheMapBodyAsTheWholeDocumentInBodymapMode() throws Exception {
    Exporter<ExportLogsServiceRequest> exporter =
        exporter(Signal.LOGS, "logs_index: bodies\nmapping: {mode: bodymap}");
    AnyValue body =
        AnyValue.newBuilder()
            .setKvlistValue(
                KeyValueList.newBuilder()
                    .addValues(
                        KeyValue.newBuilder()
                            .setKey("@timestamp")
                            .setValue(AnyValue.newBuilder().setStringValue("2024-05-31T10:00:00Z")))
                    .addValues(
                        KeyValue.newBuilder()
                            .setKey("order")
                            .setValue(AnyValue.newBuilder().setIntValue(42))))
            .build();

    exporter.consume(Batches.of(logs(MAY_31, body, stringAttribute("ignored", "yes"))));
    exporter.consume(Batches.of(logs(MAY_31, text("not a map: left out"))));

    openSearch.refresh("bodies");
    JsonNode doc = single("bodies");
    assertThat(doc.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("@timestamp", "order");
    assertThat(doc.path("order").asLong()).isEqualTo(42);
  }

  @Test
  void writesTheCollectorsOriginalShapeInRawMode() throws Exception {
    Exporter<ExportLogsServiceRequest> exporter =
        exporter(Signal.LOGS, "logs_index: raw-logs\nmapping: {mode: raw}");

    exporter.consume(
        Batches.of(logs(MAY_31, text("user login"), stringAttribute("user.id", "u-1"))));

    openSearch.refresh("raw-logs");
    JsonNode doc = single("raw-logs");
    assertThat(doc.path("@timestamp").asText()).isEqualTo("2024-05-31T10:00:00Z");
    assertThat(doc.path("Body").asText()).isEqualTo("user login");
    assertThat(doc.path("SeverityNumber").asInt()).isZero();
    assertThat(doc.path("Resource.service.name").asText()).isEqualTo("shop");
    assertThat(doc.path("user.id").asText()).isEqualTo("u-1");
  }

  private static final long MAY_31 =
      java.time.Instant.parse("2024-05-31T10:00:00Z").toEpochMilli() * 1_000_000L;

  private static AnyValue text(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  private static KeyValue stringAttribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(text(value)).build();
  }

  private static ExportLogsServiceRequest logs(long time, AnyValue body, KeyValue... attributes) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(
                    io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                        .addAttributes(stringAttribute("service.name", "shop")))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(
                            LogRecord.newBuilder()
                                .setTimeUnixNano(time)
                                .setBody(body)
                                .addAllAttributes(List.of(attributes)))))
        .build();
  }

  private static ExportLogsServiceRequest conflictLogs(String body, AnyValue order) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .addLogRecords(
                            LogRecord.newBuilder()
                                .setTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
                                .setBody(AnyValue.newBuilder().setStringValue(body))
                                .addAttributes(
                                    KeyValue.newBuilder()
                                        .setKey("data_stream.dataset")
                                        .setValue(AnyValue.newBuilder().setStringValue("conflict")))
                                .addAttributes(
                                    KeyValue.newBuilder().setKey("order").setValue(order)))))
        .build();
  }

  /** A started exporter without queue, so a batch is in OpenSearch when consume returns. */
  private <T> Exporter<T> exporter(Signal<T> signal, String extraConfig) {
    ElasticsearchExporterConfig config =
        new YamlConfig("exporters.elasticsearch")
            .bind(
                "endpoint: "
                    + openSearch.endpoint()
                    + "\nsending_queue: {enabled: false}\nretry_on_failure: {enabled: false}\n"
                    + extraConfig,
                ElasticsearchExporterConfig.class);
    ComponentSettings settings =
        TestSettings.of("elasticsearch", new SimpleMeterRegistry(), Clock.systemUTC());
    Exporter<T> exporter = new ElasticsearchExporterFactory().create(settings, config, signal);
    exporter.start();
    exporters.add(exporter);
    return exporter;
  }

  private JsonNode single(String index) throws Exception {
    JsonNode hits = openSearch.search(index, "{\"query\":{\"match_all\":{}}}");
    assertThat(hits.path("total").path("value").asInt()).as(index).isEqualTo(1);
    return hits.path("hits").get(0).path("_source");
  }
}
