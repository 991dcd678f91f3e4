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
            "exporters.elasticsearch.endpoints: at least one endpoint is required (endpoint or"
                + " endpoints)");
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThat(
            yaml.problems(
                """
                endpoints: [es:9200, 'http://ok:9200', 'ftp://es']
                user: elastic
                api_key: k
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
            "exporters.elasticsearch.api_key: cannot be combined with user/password",
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
                "{endpoint: 'http://es:9200', mapping: {mode: raw}}",
                ElasticsearchExporterConfig.class))
        .containsExactly("exporters.elasticsearch.mapping.mode: \"raw\" must be otel or ecs");
  }

  @Test
  void refusesUnknownKeysNamingThem() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://es:9200', flush: {interval: 1s}}",
                ElasticsearchExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "exporters.elasticsearch.flush.interval: unknown key \"interval\""));
  }

  @Test
  void refusesTheTlsKeysOnlyGrpcClientsTake() {
    // The HTTP client's URL scheme decides TLS, and it presents no client certificate.
    assertThat(
            yaml.problems(
                "{endpoint: 'https://es:9200', tls: {cert_file: /tls/client.pem}}",
                ElasticsearchExporterConfig.class))
        .containsExactly(
            "exporters.elasticsearch.tls.cert_file: unknown key \"cert_file\"; known keys: ca_file,"
                + " insecure_skip_verify");
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
