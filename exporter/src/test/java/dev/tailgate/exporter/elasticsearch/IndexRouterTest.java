package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexRouterTest {
  private final IndexRouter logs = new IndexRouter("logs", Optional.empty());

  private static KeyValue dataset(String value) {
    return OtlpSamples.attribute("data_stream.dataset", value);
  }

  private static KeyValue namespace(String value) {
    return OtlpSamples.attribute("data_stream.namespace", value);
  }

  @Test
  void defaultsToGenericAndDefault() {
    Target target = logs.route(List.of(), List.of(), List.of());

    assertThat(target.index()).isEqualTo("logs-generic-default");
    assertThat(target.dataStream()).contains(new DataStream("logs", "generic", "default"));
  }

  @Test
  void takesTheRecordFirstThenTheScopeThenTheResource() {
    List<KeyValue> resource = List.of(dataset("fromresource"), namespace("prod"));
    List<KeyValue> scope = List.of(dataset("fromscope"));
    List<KeyValue> record = List.of(dataset("fromrecord"));

    assertThat(logs.route(record, scope, resource).index()).isEqualTo("logs-fromrecord-prod");
    assertThat(logs.route(List.of(), scope, resource).index()).isEqualTo("logs-fromscope-prod");
    assertThat(logs.route(List.of(), List.of(), resource).index())
        .isEqualTo("logs-fromresource-prod");
    assertThat(logs.route(List.of(namespace("staging")), scope, resource).index())
        .isEqualTo("logs-fromscope-staging");
  }

  @Test
  void sanitizesDatasetAndNamespaceAsElasticRequires() {
    Target target =
        logs.route(
            List.of(dataset("My-App/Access Log"), namespace("Team#1,EU")), List.of(), List.of());

    assertThat(target.index()).isEqualTo("logs-my_app_access_log-team_1_eu");
    assertThat(
            logs.route(List.of(dataset("x".repeat(150))), List.of(), List.of())
                .dataStream()
                .get()
                .dataset())
        .hasSize(100);
    assertThat(logs.route(List.of(dataset("  ")), List.of(), List.of()).index())
        .isEqualTo("logs-generic-default");
  }

  @Test
  void sendsEverythingToAStaticIndexWhenOneIsConfigured() {
    IndexRouter router = new IndexRouter("logs", Optional.of("app-logs"));

    Target target = router.route(List.of(dataset("nginx")), List.of(), List.of());

    assertThat(target.index()).isEqualTo("app-logs");
    assertThat(target.dataStream()).isEmpty();
  }

  @Test
  void routesEachLogRecordOfABatchByItsOwnAttributes() {
    ExportLogsServiceRequest batch =
        ExportLogsServiceRequest.newBuilder()
            .addResourceLogs(
                ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder().addAttributes(namespace("prod")))
                    .addScopeLogs(
                        ScopeLogs.newBuilder()
                            .setScope(
                                InstrumentationScope.newBuilder()
                                    .setName("s")
                                    .addAttributes(dataset("app")))
                            .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(1))
                            .addLogRecords(
                                LogRecord.newBuilder()
                                    .setTimeUnixNano(1)
                                    .addAttributes(dataset("audit")))))
            .build();

    List<Document> documents = Documents.encode(Signal.LOGS, MappingMode.OTEL, batch);

    assertThat(documents)
        .extracting(Document::index)
        .containsExactly("logs-app-prod", "logs-audit-prod");
    assertThat(Documents.tree(documents.get(1)).path("data_stream").path("dataset").asText())
        .isEqualTo("audit");
  }

  @Test
  void leavesDataStreamFieldsOutOfDocumentsForStaticIndices() {
    List<Document> documents =
        DocumentEncoder.forSignal(
                Signal.LOGS, MappingMode.OTEL.translator(), Optional.of("app-logs"))
            .encode(OtlpSamples.logs());

    assertThat(documents).extracting(Document::index).containsOnly("app-logs");
    assertThat(Documents.tree(documents.get(0)).has("data_stream")).isFalse();
  }

  @Test
  void routesToTheElasticsearchIndexAttributeBeforeDataStreams() {
    List<KeyValue> resource =
        List.of(OtlpSamples.attribute("elasticsearch.index", "from-resource"));
    List<KeyValue> record = List.of(OtlpSamples.attribute("elasticsearch.index", "audit"));

    assertThat(logs.route(record, List.of(), resource)).isEqualTo(Target.index("audit"));
    assertThat(logs.route(List.of(dataset("ignored")), List.of(), resource))
        .isEqualTo(Target.index("from-resource"));
    assertThat(new IndexRouter("logs", Optional.of("static")).route(record, List.of(), resource))
        .as("a static index wins")
        .isEqualTo(Target.index("static"));
  }

  @Test
  void appendsTheItemsDateInLogstashFormat() {
    IndexRouter router =
        new IndexRouter(
            "logs", Optional.empty(), new LogstashFormatConfig(true, null, null).suffix());
    long may31 = java.time.Instant.parse("2024-05-31T23:59:00Z").toEpochMilli() * 1_000_000L;

    Target target = router.route(List.of(), List.of(), List.of(), may31);

    assertThat(target.index()).isEqualTo("logs-generic-default-2024.05.31");
    assertThat(target.dataStream()).contains(new DataStream("logs", "generic", "default"));
    assertThat(
            new IndexRouter(
                    "logs",
                    Optional.of("app"),
                    new LogstashFormatConfig(true, "_", "%Y-%m-%dT%H").suffix())
                .route(List.of(), List.of(), List.of(), may31)
                .index())
        .as("lowercased, as index names must be")
        .isEqualTo("app_2024-05-31t23");
  }
}
