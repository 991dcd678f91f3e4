package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.QueueSizer;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchExporterConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.elasticsearch");

  @Test
  void bindsAnEndpointWithDefaultsForEverythingElse() {
    ElasticsearchExporterConfig config =
        yaml.bind("endpoint: http://localhost:9200", ElasticsearchExporterConfig.class);

    assertThat(config.endpointUris()).containsExactly(URI.create("http://localhost:9200"));
    assertThat(config.mapping().mode()).isEqualTo(MappingMode.OTEL);
    assertThat(config.staticIndex(Signal.TRACES)).isEmpty();
    assertThat(config.flush().bytes()).isEqualTo(ByteSize.ofMiB(5));
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.tls().insecureSkipVerify()).isFalse();
    assertThat(config.deadLetter().file()).isEmpty();
    assertThat(config.sendingQueue()).isEqualTo(QueueConfig.DEFAULT);
    assertThat(config.retryOnFailure()).isEqualTo(RetryConfig.DEFAULT);
    assertThat(BulkClient.requestHeaders(config)).isEmpty();
  }

  @Test
  void bindsEveryKey() {
    ElasticsearchExporterConfig config =
        yaml.bindResource(getClass(), "full.yaml", ElasticsearchExporterConfig.class);

    assertThat(config.endpointUris())
        .containsExactly(
            URI.create("https://es-1.example.com:9200"),
            URI.create("https://es-2.example.com:9200/prefix"));
    assertThat(BulkClient.requestHeaders(config))
        .containsExactly(
            Map.entry("X-Tenant", "acme"),
            Map.entry("Authorization", "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="));
    assertThat(config.mapping().mode()).isEqualTo(MappingMode.ECS);
    assertThat(config.staticIndex(Signal.TRACES)).contains("app-traces");
    assertThat(config.staticIndex(Signal.LOGS)).contains("app-logs");
    assertThat(config.staticIndex(Signal.METRICS)).contains("app-metrics");
    assertThat(config.flush().bytes()).isEqualTo(ByteSize.ofMiB(2));
    assertThat(config.exporterSettings().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.tls().insecureSkipVerify()).isTrue();
    assertThat(config.deadLetter().file())
        .isEqualTo(Optional.of(Path.of("/tmp/tailgate-dead-letters.ndjson")));
    assertThat(config.sendingQueue().numConsumers()).isEqualTo(2);
    assertThat(config.sendingQueue().sizer()).isEqualTo(QueueSizer.ITEMS);
    assertThat(config.sendingQueue().queueSize()).isEqualTo(100);
    assertThat(config.retryOnFailure().maxElapsedTime()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void sendsTheApiKeyInsteadOfAConfiguredAuthorizationHeader() {
    ElasticsearchExporterConfig config =
        yaml.bind(
            "{endpoint: 'http://es:9200', api_key: 'a2V5', headers: {authorization: 'Bearer x'}}",
            ElasticsearchExporterConfig.class);

    assertThat(BulkClient.requestHeaders(config))
        .containsExactly(Map.entry("Authorization", "ApiKey a2V5"));
  }

  @Test
  void requiresAnEndpoint() {
    assertThat(yaml.problems("", ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.endpoints: at least one endpoint is required (endpoint,"
                + " endpoints or cloudid)");
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThat(
            yaml.problems(
                """
                endpoints: [es:9200, 'http://ok:9200', 'ftp://es']
                user: elastic
                headers: {Host: other, 'bad header': x}
                logs_index: Logs
                traces_index: 'a,b'
                metrics_index: _metrics
                flush: {bytes: 0}
                timeout: 0s
                tls: {ca_file: /no/such/ca.pem}
                dead_letter: {path: /no/such/dir/dead.ndjson}
                sending_queue: {queue_size: 0}
                """,
                ElasticsearchExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.elasticsearch.endpoints[0]: \"es:9200\" must start with http:// or https://",
            "exporters.elasticsearch.endpoints[2]: \"ftp://es\" must start with http:// or"
                + " https://",
            "exporters.elasticsearch.password: is required with user",
            "exporters.elasticsearch.headers.Host: is set by the exporter and cannot be configured",
            "exporters.elasticsearch.headers.bad header: is not a valid HTTP header name",
            "exporters.elasticsearch.logs_index: \"Logs\" must be lowercase",
            "exporters.elasticsearch.traces_index: \"a,b\" must not contain \\ / * ? \" < > | , # :"
                + " or spaces",
            "exporters.elasticsearch.metrics_index: \"_metrics\" must not start with -, _ or +",
            "exporters.elasticsearch.flush.bytes: must be > 0",
            "exporters.elasticsearch.timeout: must be > 0",
            "exporters.elasticsearch.tls.ca_file: file not found: /no/such/ca.pem",
            "exporters.elasticsearch.dead_letter.path: directory does not exist: /no/such/dir",
            "exporters.elasticsearch.sending_queue.queue_size: must be > 0");
  }

  @Test
  void refusesAnUnknownMappingMode() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', mapping: {mode: jaeger}}",
                ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("exporters.elasticsearch.mapping.mode: ")
                    .contains("must be one of otel, ecs, none, raw, bodymap"));
  }

  @Test
  void acceptsTheCollectorsMappingModesAndAliases() {
    assertThat(Stream.of("otel", "ECS", "none", "no", "", "raw", "bodymap"))
        .map(MappingMode::parse)
        .containsExactly(
            MappingMode.OTEL,
            MappingMode.ECS,
            MappingMode.NONE,
            MappingMode.NONE,
            MappingMode.NONE,
            MappingMode.RAW,
            MappingMode.BODYMAP);
  }

  @Test
  void refusesUnknownKeysNamingThem() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', flush: {intervall: 1s}}",
                ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "exporters.elasticsearch.flush.intervall: unknown key \"intervall\""));
  }

  @Test
  void decodesTheCloudIdIntoTheClustersUrlAsTheCollectorDoes() {
    ElasticsearchExporterConfig config =
        yaml.bind(
            "cloudid: foo:YmFyLmNsb3VkLmVzLmlvJGFiYzEyMyRkZWY0NTY=",
            ElasticsearchExporterConfig.class);

    assertThat(config.endpointUris()).containsExactly(URI.create("https://abc123.bar.cloud.es.io"));
  }

  @Test
  void refusesACloudIdThatDoesNotDecodeOrComesWithEndpoints() {
    assertThat(yaml.problems("cloudid: invalid", ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.cloudid: \"invalid\" is not a cloud id (<name>:<base64>)");
    assertThat(yaml.problems("cloudid: 'foo:YWJj'", ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.cloudid: \"foo:YWJj\" is not a cloud id: decoded \"abc\""
                + " has no host$uuid");
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', cloudid:"
                    + " 'foo:YmFyLmNsb3VkLmVzLmlvJGFiYzEyMyRkZWY0NTY='}",
                ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.cloudid: cannot be combined with endpoint/endpoints; give one"
                + " of them");
  }

  @Test
  void sendsTheApiKeyAndWarnsThatUserAndPasswordAreUnused() {
    String text = "{endpoint: 'http://es:9200', user: elastic, password: search, api_key: a2V5}";
    ElasticsearchExporterConfig config = yaml.bind(text, ElasticsearchExporterConfig.class);

    assertThat(BulkClient.requestHeaders(config))
        .containsExactly(Map.entry("Authorization", "ApiKey a2V5"));
    assertThat(yaml.warnings(text, ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.user: has no effect here: api_key is set, and it is sent"
                + " instead");
  }

  @Test
  void gzipsBulkBodiesByDefaultAsTheCollectorDoes() {
    assertThat(yaml.bind("endpoint: 'http://es:9200'", ElasticsearchExporterConfig.class).gzip())
        .isTrue();
    assertThat(
            yaml.bind(
                    "{endpoint: 'http://es:9200', compression: none}",
                    ElasticsearchExporterConfig.class)
                .gzip())
        .isFalse();
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', compression: snappy}",
                ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.compression: must be one of [none, gzip], not \"snappy\"");
  }

  @Test
  void mapsTheCollectorsRetryBlockOntoTheBackoff() {
    ElasticsearchExporterConfig config =
        yaml.bind(
            "{endpoint: 'http://es:9200', retry: {max_retries: 5, initial_interval: 1s,"
                + " max_interval: 10s, retry_on_status: [429, 500]}}",
            ElasticsearchExporterConfig.class);

    assertThat(config.retryOnFailure().initialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retryOnFailure().maxInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.retry().retries()).isEqualTo(5);
    assertThat(config.retry().statuses()).containsExactlyInAnyOrder(429, 500);
    assertThat(
            yaml.bind(
                    "{endpoint: 'http://es:9200', retry: {max_requests: 3}}",
                    ElasticsearchExporterConfig.class)
                .retry()
                .retries())
        .as("the deprecated max_requests counts the first attempt")
        .isEqualTo(2);
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', retry: {max_requests: 1, max_retries: 1},"
                    + " retry_on_failure: {enabled: true}}",
                ElasticsearchExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.elasticsearch.retry.max_retries: cannot be combined with max_requests"
                + " (deprecated: give max_retries only)",
            "exporters.elasticsearch.retry: cannot be combined with retry_on_failure; give one of"
                + " them");
  }

  @Test
  void refusesADynamicIndexBesideAStaticOneAndWarnsOtherwise() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', logs_index: my-logs, logs_dynamic_index: {enabled:"
                    + " true}}",
                ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "exporters.elasticsearch.logs_dynamic_index.enabled: must not be set with"
                            + " logs_index"));
    assertThat(
            yaml.warnings(
                "{endpoint: 'http://es:9200', traces_dynamic_index: {enabled: true}}",
                ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith(
                        "exporters.elasticsearch.traces_dynamic_index.enabled: has no effect"));
  }

  @Test
  void warnsForTheCollectorsKeysThatCannotApplyNamingTheEquivalent() {
    assertThat(
            yaml.warnings(
                """
                endpoint: 'https://es:9200'
                tls: {insecure: false}
                num_workers: 4
                discover: {on_start: true, interval: 5m}
                batcher: {enabled: false, min_size_items: 100}
                flush: {interval: 10s}
                mapping: {dedot: true}
                """,
                ElasticsearchExporterConfig.class))
        .extracting(w -> w.substring(0, w.indexOf(':')))
        .containsExactlyInAnyOrder(
            "exporters.elasticsearch.tls.insecure",
            "exporters.elasticsearch.num_workers",
            "exporters.elasticsearch.discover",
            "exporters.elasticsearch.batcher",
            "exporters.elasticsearch.flush.interval",
            "exporters.elasticsearch.mapping.dedot");
  }

  @Test
  void refusesALogstashDateFormatThatMakesInvalidIndexNames() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', logstash_format: {enabled: true, date_format:"
                    + " '%Y/%m/%d'}}",
                ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "exporters.elasticsearch.logstash_format.date_format: \"%Y/%m/%d\" makes"
                            + " index names end in \"-2024/01/05\""));
  }

  @Test
  void refusesAnUnknownLogstashDateDirective() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', logstash_format: {enabled: true, date_format:"
                    + " '%Y.%Q'}}",
                ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.logstash_format.date_format: \"%Y.%Q\" has %Q, which is not"
                + " a known date directive");
  }

  @Test
  void checkRefusesACaFileThatIsNotPem(@TempDir Path dir) throws Exception {
    // The HTTP client's trust store reads it when the exporter is created; the server would stop
    // there.
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    String yamlText = "{endpoint: 'https://es:9200', tls: {ca_file: '" + notPem + "'}}";

    assertThat(yaml.problems(yamlText, ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("exporters.elasticsearch.tls.ca_file: ")
                    .containsAnyOf("holds no PEM certificate", "is not a PEM certificate"));
  }
}
