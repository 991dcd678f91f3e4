package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.exporterhelper.QueueSizer;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusRemoteWriteConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.prometheusremotewrite");

  @Test
  void appliesTheDefaults() {
    PrometheusRemoteWriteConfig config =
        yaml.bind(
            "endpoint: http://127.0.0.1:9090/api/v1/write", PrometheusRemoteWriteConfig.class);

    assertThat(config.endpointUri()).isEqualTo(URI.create("http://127.0.0.1:9090/api/v1/write"));
    assertThat(config.headers()).isEmpty();
    assertThat(config.translationSettings()).isEqualTo(TranslationSettings.defaults());
    assertThat(config.maxBatchSizeBytes()).isEqualTo(3_000_000);
    assertThat(config.deltaToCumulative().maxTrackedSeries()).isEqualTo(100_000);
    assertThat(config.deltaToCumulative().maxStale()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.tls().insecureSkipVerify()).isFalse();
    assertThat(config.tls().caFile()).isNull();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.queue().enabled()).isTrue();
    assertThat(config.queue().numConsumers()).isEqualTo(1);
    assertThat(config.queue().sizer()).isEqualTo(QueueSizer.BYTES);
    assertThat(config.queue().queueSize()).isEqualTo(128L * 1024 * 1024);
    assertThat(config.requestParallelism()).isEqualTo(5);
    assertThat(config.protobufMessage()).isEqualTo("prometheus.WriteRequest");
    assertThat(config.strategy()).isEqualTo(TranslationStrategy.UNDERSCORE_ESCAPING_WITH_SUFFIXES);
    assertThat(config.retryOnFailure()).isEqualTo(RetryConfig.DEFAULT);
  }

  @Test
  void bindsEveryKey() {
    PrometheusRemoteWriteConfig config =
        yaml.bindResource(getClass(), "full.yaml", PrometheusRemoteWriteConfig.class);

    assertThat(config.headers())
        .containsExactly(
            Map.entry("Authorization", "Bearer t0ken"), Map.entry("X-Scope-OrgID", "acme"));
    assertThat(config.translationSettings())
        .isEqualTo(
            new TranslationSettings(
                "gateway", false, false, true, false, Map.of("cluster", "eu-1")));
    assertThat(config.deltaToCumulative())
        .isEqualTo(new DeltaToCumulativeConfig(5000, Duration.ofMinutes(10)));
    assertThat(config.maxBatchSizeBytes()).isEqualTo(1_000_000);
    assertThat(config.tls().insecureSkipVerify()).isTrue();
    assertThat(config.exporterSettings().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.queue().numConsumers()).isEqualTo(2);
    assertThat(config.queue().sizer()).isEqualTo(QueueSizer.REQUESTS);
    assertThat(config.queue().queueSize()).isEqualTo(50);
    assertThat(config.retryOnFailure().maxElapsedTime()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void requiresAnHttpEndpoint() {
    assertThat(yaml.problems("", PrometheusRemoteWriteConfig.class))
        .containsExactly("exporters.prometheusremotewrite.endpoint: is required");
    assertThat(
            yaml.problems("endpoint: 'ftp://prometheus:9090'", PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.endpoint: \"ftp://prometheus:9090\" must be an http://"
                + " or https:// URL");
    assertThat(yaml.problems("endpoint: 'http:///api/v1/write'", PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.endpoint: \"http:///api/v1/write\" has no host");
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThat(
            yaml.problems(
                """
                endpoint: http://prometheus:9090/api/v1/write
                external_labels: { empty: '' }
                max_batch_size_bytes: -1
                delta_to_cumulative: { max_tracked_series: 0, max_stale: 0s }
                tls: { ca_file: /no/such/ca.pem }
                timeout: 0s
                headers: { Host: other }
                sending_queue: { num_consumers: 0 }
                retry_on_failure: { multiplier: 0.5 }
                """,
                PrometheusRemoteWriteConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.prometheusremotewrite.external_labels.empty: must have a value",
            "exporters.prometheusremotewrite.max_batch_size_bytes: must be > 0",
            "exporters.prometheusremotewrite.delta_to_cumulative.max_tracked_series: must be > 0",
            "exporters.prometheusremotewrite.delta_to_cumulative.max_stale: must be > 0",
            "exporters.prometheusremotewrite.tls.ca_file: file not found: /no/such/ca.pem",
            "exporters.prometheusremotewrite.timeout: must be > 0",
            "exporters.prometheusremotewrite.headers.Host: cannot be sent: restricted header name:"
                + " \"Host\"",
            "exporters.prometheusremotewrite.sending_queue.num_consumers: must be > 0",
            "exporters.prometheusremotewrite.retry_on_failure.multiplier: must be >= 1");
  }

  @Test
  void refusesUnknownKeysNamingThem() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', target_info: {enable: true}}",
                PrometheusRemoteWriteConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "exporters.prometheusremotewrite.target_info.enable: unknown key"
                            + " \"enable\""));
  }

  @Test
  void refusesTheTlsKeysOnlyGrpcClientsTake() {
    // The HTTP client's URL scheme decides TLS, and it presents no client certificate.
    assertThat(
            yaml.problems(
                "{endpoint: 'https://prometheus:9090/api/v1/write', tls: {cert_file:"
                    + " /tls/client.pem}}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.tls.cert_file: unknown key \"cert_file\"; known keys:"
                + " ca_file, insecure_skip_verify");
  }

  @Test
  void checkRefusesACaFileThatIsNotPem(@TempDir Path dir) throws Exception {
    // The HTTP client's trust store reads it when the exporter is created; the server would stop
    // there.
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
    String yamlText =
        "{endpoint: 'https://prometheus:9090/api/v1/write', tls: {ca_file: '" + notPem + "'}}";

    assertThat(yaml.problems(yamlText, PrometheusRemoteWriteConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("exporters.prometheusremotewrite.tls.ca_file: ")
                    .containsAnyOf("holds no PEM certificate", "is not a PEM certificate"));
  }

  @Test
  void takesABareHostAndPortAsPlainHttpWithAWarning() {
    String text = "endpoint: localhost:8888";

    assertThat(yaml.problems(text, PrometheusRemoteWriteConfig.class)).isEmpty();
    assertThat(yaml.bind(text, PrometheusRemoteWriteConfig.class).endpointUri())
        .isEqualTo(URI.create("http://localhost:8888"));
    assertThat(yaml.warnings(text, PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.endpoint: \"localhost:8888\" has no scheme; sending"
                + " to http://localhost:8888 (plain HTTP)");
  }

  @Test
  void sanitizesANamespaceAsTheCollectorDoes() {
    String text = "{endpoint: 'http://p:9090', namespace: test-space}";

    assertThat(yaml.problems(text, PrometheusRemoteWriteConfig.class)).isEmpty();
    assertThat(yaml.bind(text, PrometheusRemoteWriteConfig.class).translationSettings().namespace())
        .isEqualTo("test_space");
  }

  @Test
  void escapesExternalLabelNamesAsTheCollectorDoes() {
    String text =
        "{endpoint: 'http://p:9090', external_labels: {'cluster-name': eu-1, '__tenant.id': a}}";

    assertThat(yaml.problems(text, PrometheusRemoteWriteConfig.class)).isEmpty();
    assertThat(
            yaml.bind(text, PrometheusRemoteWriteConfig.class)
                .translationSettings()
                .externalLabels())
        .containsOnly(Map.entry("cluster_name", "eu-1"), Map.entry("__tenant_id", "a"));
  }

  @Test
  void remoteWriteQueueIsAOneSenderQueueOfBatchesAndItsConsumersPostPartsAtOnce() {
    PrometheusRemoteWriteConfig config =
        yaml.bind(
            "{endpoint: 'http://p:9090', remote_write_queue: {queue_size: 2000, num_consumers:"
                + " 10}}",
            PrometheusRemoteWriteConfig.class);

    assertThat(config.queue().enabled()).isTrue();
    assertThat(config.queue().numConsumers()).isEqualTo(1);
    assertThat(config.queue().sizer()).isEqualTo(QueueSizer.REQUESTS);
    assertThat(config.queue().queueSize()).isEqualTo(2000);
    assertThat(config.requestParallelism()).isEqualTo(10);
  }

  @Test
  void remoteWriteQueueTakesTheCollectorsDefaultsAndCanBeDisabled() {
    PrometheusRemoteWriteConfig defaults =
        yaml.bind(
            "{endpoint: 'http://p:9090', remote_write_queue: {}}",
            PrometheusRemoteWriteConfig.class);
    PrometheusRemoteWriteConfig disabled =
        yaml.bind(
            "{endpoint: 'http://p:9090', remote_write_queue: {enabled: false, num_consumers: 10}}",
            PrometheusRemoteWriteConfig.class);

    assertThat(defaults.queue().queueSize()).isEqualTo(10_000);
    assertThat(defaults.requestParallelism()).isEqualTo(5);
    assertThat(disabled.queue().enabled()).isFalse();
  }

  @Test
  void maxBatchRequestParallelismWinsOverNumConsumers() {
    PrometheusRemoteWriteConfig config =
        yaml.bind(
            "{endpoint: 'http://p:9090', max_batch_request_parallelism: 3,"
                + " remote_write_queue: {num_consumers: 10}}",
            PrometheusRemoteWriteConfig.class);

    assertThat(config.requestParallelism()).isEqualTo(3);
  }

  @Test
  void refusesQueueValuesTheCollectorRefuses() {
    assertThat(
            yaml.problems(
                """
                endpoint: http://p:9090
                max_batch_request_parallelism: 0
                remote_write_queue: { queue_size: -1, num_consumers: -1 }
                compression: gzip
                """,
                PrometheusRemoteWriteConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.prometheusremotewrite.max_batch_request_parallelism: must be >= 1",
            "exporters.prometheusremotewrite.remote_write_queue.queue_size: must be >= 0",
            "exporters.prometheusremotewrite.remote_write_queue.num_consumers: must be >= 0",
            "exporters.prometheusremotewrite.compression: must be snappy (remote write compresses"
                + " with snappy only), not \"gzip\"");
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', remote_write_queue: {queue_size: 0}}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.remote_write_queue.queue_size: must be > 0 while the"
                + " queue is enabled (a queue of 0 would drop all data)");
  }

  @Test
  void refusesRemoteWriteQueueBesideSendingQueue() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', remote_write_queue: {}, sending_queue: {}}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.remote_write_queue: cannot go with sending_queue:"
                + " both configure the same queue; keep one");
  }

  @Test
  void translationStrategyWinsOverAddMetricSuffixes() {
    PrometheusRemoteWriteConfig withoutSuffixes =
        yaml.bind(
            "{endpoint: 'http://p:9090', translation_strategy: UnderscoreEscapingWithoutSuffixes}",
            PrometheusRemoteWriteConfig.class);
    PrometheusRemoteWriteConfig withSuffixes =
        yaml.bind(
            "{endpoint: 'http://p:9090', add_metric_suffixes: false,"
                + " translation_strategy: UnderscoreEscapingWithSuffixes}",
            PrometheusRemoteWriteConfig.class);

    assertThat(withoutSuffixes.translationSettings().addMetricSuffixes()).isFalse();
    assertThat(withSuffixes.translationSettings().addMetricSuffixes()).isTrue();
  }

  @Test
  void refusesTranslationStrategiesRemoteWrite1CannotCarryAndUnknownOnes() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', translation_strategy: NoTranslation}",
                PrometheusRemoteWriteConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "exporters.prometheusremotewrite.translation_strategy: NoTranslation"
                            + " requires Prometheus Remote Write 2.0"));
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', translation_strategy: invalid_strategy}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.translation_strategy: must be one of"
                + " UnderscoreEscapingWithSuffixes, UnderscoreEscapingWithoutSuffixes,"
                + " NoUTF8EscapingWithSuffixes, NoTranslation, not \"invalid_strategy\"");
  }

  @Test
  void takesRemoteWrite2AndRefusesUnknownProtobufMessages() {
    String v2 = "{endpoint: 'http://p:9090', protobuf_message: io.prometheus.write.v2.Request}";

    assertThat(yaml.problems(v2, PrometheusRemoteWriteConfig.class)).isEmpty();
    assertThat(yaml.bind(v2, PrometheusRemoteWriteConfig.class).protocol())
        .isEqualTo(RemoteWriteProtocol.V2);
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', protobuf_message: io.prometheus.write.v4.Request}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.protobuf_message: unknown remote write protobuf"
                + " message \"io.prometheus.write.v4.Request\"; supported: prometheus.WriteRequest,"
                + " io.prometheus.write.v2.Request");
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', protobuf_message: prometheus.WriteRequest,"
                    + " compression: snappy}",
                PrometheusRemoteWriteConfig.class))
        .isEmpty();
  }

  @Test
  void takesTheUtf8TranslationStrategiesOverRemoteWrite2() {
    String text =
        "{endpoint: 'http://p:9090', protobuf_message: io.prometheus.write.v2.Request,"
            + " translation_strategy: NoTranslation, namespace: test-space}";

    assertThat(yaml.problems(text, PrometheusRemoteWriteConfig.class)).isEmpty();
    TranslationSettings settings =
        yaml.bind(text, PrometheusRemoteWriteConfig.class).translationSettings();
    assertThat(settings.escapeNames()).isFalse();
    assertThat(settings.addMetricSuffixes()).isFalse();
    assertThat(settings.namespace()).isEqualTo("test-space");
  }

  @Test
  void disableScopeInfoDropsTheScopeLabels() {
    assertThat(
            yaml.bind(
                    "{endpoint: 'http://p:9090', disable_scope_info: true}",
                    PrometheusRemoteWriteConfig.class)
                .translationSettings()
                .addScopeLabels())
        .isFalse();
  }

  @Test
  void warnsTheCollectorKeysThatCannotActHere() {
    String text =
        """
        endpoint: http://p:9090
        write_buffer_size: 524288
        read_buffer_size: 0
        idle_conn_timeout: 90s
        send_metadata: true
        export_created_metric: { enabled: true }
        include_metadata_keys: [ target-id ]
        wal: { directory: /var/lib/wal, buffer_size: 300, truncate_frequency: 1m }
        convert_explicit_histograms_to_nhcb: true
        keep_classic_histograms: true
        """;

    assertThat(yaml.problems(text, PrometheusRemoteWriteConfig.class)).isEmpty();
    assertThat(yaml.warnings(text, PrometheusRemoteWriteConfig.class))
        .extracting(w -> w.substring(0, w.indexOf(':')))
        .containsExactlyInAnyOrder(
            "exporters.prometheusremotewrite.write_buffer_size",
            "exporters.prometheusremotewrite.read_buffer_size",
            "exporters.prometheusremotewrite.idle_conn_timeout",
            "exporters.prometheusremotewrite.send_metadata",
            "exporters.prometheusremotewrite.export_created_metric.enabled",
            "exporters.prometheusremotewrite.include_metadata_keys",
            "exporters.prometheusremotewrite.wal",
            "exporters.prometheusremotewrite.convert_explicit_histograms_to_nhcb",
            "exporters.prometheusremotewrite.keep_classic_histograms");
  }

  @Test
  void refusesMetadataKeysThatWouldOverrideRemoteWriteHeaders() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://p:9090', include_metadata_keys: [content-type]}",
                PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.include_metadata_keys: entry \"content-type\""
                + " collides with a reserved remote write header");
  }
}
