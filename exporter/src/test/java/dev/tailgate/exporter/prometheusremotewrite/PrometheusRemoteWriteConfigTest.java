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
    assertThat(config.sendingQueue().enabled()).isTrue();
    assertThat(config.sendingQueue().numConsumers()).isEqualTo(1);
    assertThat(config.sendingQueue().sizer()).isEqualTo(QueueSizer.BYTES);
    assertThat(config.sendingQueue().queueSize()).isEqualTo(128L * 1024 * 1024);
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
    assertThat(config.sendingQueue().numConsumers()).isEqualTo(2);
    assertThat(config.sendingQueue().sizer()).isEqualTo(QueueSizer.REQUESTS);
    assertThat(config.sendingQueue().queueSize()).isEqualTo(50);
    assertThat(config.retryOnFailure().maxElapsedTime()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void requiresAnHttpEndpoint() {
    assertThat(yaml.problems("", PrometheusRemoteWriteConfig.class))
        .containsExactly("exporters.prometheusremotewrite.endpoint: is required");
    assertThat(yaml.problems("endpoint: prometheus:9090", PrometheusRemoteWriteConfig.class))
        .containsExactly(
            "exporters.prometheusremotewrite.endpoint: \"prometheus:9090\" must be an http:// or"
                + " https:// URL");
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
                namespace: 1st-try
                external_labels: { 'bad-name': x, __reserved: y, empty: '' }
                max_batch_size_bytes: 0
                delta_to_cumulative: { max_tracked_series: 0, max_stale: 0s }
                tls: { ca_file: /no/such/ca.pem }
                timeout: 0s
                headers: { Host: other }
                sending_queue: { num_consumers: 0 }
                retry_on_failure: { multiplier: 0.5 }
                """,
                PrometheusRemoteWriteConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.prometheusremotewrite.namespace: must match [a-zA-Z_:][a-zA-Z0-9_:]*",
            "exporters.prometheusremotewrite.external_labels.bad-name: is not a label name: must"
                + " match [a-zA-Z_][a-zA-Z0-9_]* and not start with __",
            "exporters.prometheusremotewrite.external_labels.__reserved: is not a label name: must"
                + " match [a-zA-Z_][a-zA-Z0-9_]* and not start with __",
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
}
