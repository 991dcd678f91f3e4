package dev.tailgate.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.QueueSizer;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpHttpExporterConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.otlphttp");

  @Test
  void takesTheCollectorsDefaults() {
    OtlpHttpExporterConfig config =
        yaml.bind("endpoint: http://backend:4318", OtlpHttpExporterConfig.class);

    assertThat(config.bodyEncoding()).isEqualTo(OtlpHttpEncoding.PROTO);
    assertThat(config.bodyCompression()).isEqualTo(HttpCompression.GZIP);
    assertThat(config.compressionParams().level()).isNull();
    assertThat(config.timeout()).as("the Collector's otlphttp default").isEqualTo(seconds(30));
    assertThat(config.headers()).isEmpty();
    assertThat(config.tls().insecureSkipVerify()).isFalse();
    assertThat(config.proxy()).isEmpty();
    assertThat(config.sendingQueue()).isEqualTo(QueueConfig.DEFAULT);
    assertThat(config.retryOnFailure()).isEqualTo(RetryConfig.DEFAULT);
    assertThat(config.inertKeysSet()).isEmpty();
  }

  @Test
  void appendsEachSignalsPathToTheEndpoint() {
    OtlpHttpExporterConfig config =
        yaml.bind("endpoint: http://backend:4318", OtlpHttpExporterConfig.class);

    assertThat(config.url(Signal.TRACES)).hasValue(URI.create("http://backend:4318/v1/traces"));
    assertThat(config.url(Signal.METRICS)).hasValue(URI.create("http://backend:4318/v1/metrics"));
    assertThat(config.url(Signal.LOGS)).hasValue(URI.create("http://backend:4318/v1/logs"));
  }

  @Test
  void keepsThePathPrefixOfTheEndpointWithOrWithoutATrailingSlash() {
    assertThat(urlOf("endpoint: https://host/otlp", Signal.LOGS))
        .hasValue(URI.create("https://host/otlp/v1/logs"));
    assertThat(urlOf("endpoint: https://host/otlp/", Signal.LOGS))
        .hasValue(URI.create("https://host/otlp/v1/logs"));
  }

  @Test
  void usesASignalsOwnEndpointAsWrittenInsteadOfTheBase() {
    OtlpHttpExporterConfig config =
        yaml.bind(
            """
            endpoint: http://backend:4318
            metrics_endpoint: http://metrics:9090/api/otlp
            """,
            OtlpHttpExporterConfig.class);

    assertThat(config.url(Signal.METRICS)).hasValue(URI.create("http://metrics:9090/api/otlp"));
    assertThat(config.url(Signal.TRACES)).hasValue(URI.create("http://backend:4318/v1/traces"));
  }

  @Test
  void hasNoUrlForASignalWithoutEitherEndpoint() {
    OtlpHttpExporterConfig config =
        yaml.bind("traces_endpoint: http://tempo:4318/v1/traces", OtlpHttpExporterConfig.class);

    assertThat(config.url(Signal.TRACES)).hasValue(URI.create("http://tempo:4318/v1/traces"));
    assertThat(config.url(Signal.LOGS)).isEmpty();
  }

  @Test
  void bindsEveryCollectorKeyAndNamesTheInertOnes() {
    OtlpHttpExporterConfig config =
        yaml.bindResource(getClass(), "full.yaml", OtlpHttpExporterConfig.class);

    assertThat(config.url(Signal.TRACES))
        .hasValue(URI.create("https://traces.example.com/api/v1/traces"));
    assertThat(config.url(Signal.METRICS))
        .hasValue(URI.create("https://collector.example.com:4318/otlp/v1/metrics"));
    assertThat(config.bodyEncoding()).isEqualTo(OtlpHttpEncoding.JSON);
    assertThat(config.bodyCompression()).isEqualTo(HttpCompression.ZSTD);
    assertThat(config.compressionParams().level()).isEqualTo(1);
    assertThat(config.headers()).containsExactly(Map.entry("authorization", "Bearer t0ken"));
    assertThat(config.exporterSettings().timeout()).isEqualTo(seconds(10));
    assertThat(config.tls().insecureSkipVerify()).isTrue();
    assertThat(config.proxy())
        .hasValue(InetSocketAddress.createUnresolved("proxy.example.com", 3128));
    assertThat(config.sendingQueue().numConsumers()).isEqualTo(4);
    assertThat(config.sendingQueue().sizer()).isEqualTo(QueueSizer.REQUESTS);
    assertThat(config.retryOnFailure().maxElapsedTime()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.inertKeysSet())
        .containsExactly(
            "read_buffer_size",
            "write_buffer_size",
            "max_idle_conns",
            "max_idle_conns_per_host",
            "max_conns_per_host",
            "idle_conn_timeout",
            "disable_keep_alives",
            "http2_read_idle_timeout",
            "http2_ping_timeout",
            "tls.insecure");
  }

  @Test
  void takesEachCompressionTheCollectorNames() {
    assertThat(compressionOf("compression: gzip")).isEqualTo(HttpCompression.GZIP);
    assertThat(compressionOf("compression: zstd")).isEqualTo(HttpCompression.ZSTD);
    assertThat(compressionOf("compression: snappy")).isEqualTo(HttpCompression.SNAPPY);
    assertThat(compressionOf("compression: none")).isEqualTo(HttpCompression.NONE);
    assertThat(compressionOf("compression: ''")).isEqualTo(HttpCompression.NONE);
  }

  @Test
  void requiresAnEndpointOrASignalEndpoint() {
    assertThat(yaml.problems("encoding: proto", OtlpHttpExporterConfig.class))
        .containsExactly(
            "exporters.otlphttp.endpoint: is required (or traces_endpoint, metrics_endpoint and"
                + " logs_endpoint for the signals exported)");
    assertThat(
            yaml.problems("logs_endpoint: http://loki/otlp/v1/logs", OtlpHttpExporterConfig.class))
        .isEmpty();
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThat(
            yaml.problems(
                """
                endpoint: backend:4318
                traces_endpoint: ftp://backend/v1/traces
                logs_endpoint: "http://"
                encoding: protobuf
                compression: lz4
                headers: { "bad header": x }
                timeout: 0s
                proxy_url: https://proxy:3128
                sending_queue: { queue_size: 0 }
                retry_on_failure: { multiplier: 0.5 }
                """,
                OtlpHttpExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.otlphttp.endpoint: \"backend:4318\" must be an http:// or https:// URL",
            "exporters.otlphttp.traces_endpoint: \"ftp://backend/v1/traces\" must be an http:// or"
                + " https:// URL",
            "exporters.otlphttp.logs_endpoint: \"http://\" is not a URL: Expected authority",
            "exporters.otlphttp.encoding: must be proto or json, not \"protobuf\"",
            "exporters.otlphttp.compression: must be gzip, zstd, snappy, none or \"\", not \"lz4\"",
            "exporters.otlphttp.headers.bad header: cannot be sent: invalid header name: \"bad"
                + " header\"",
            "exporters.otlphttp.timeout: must be > 0",
            "exporters.otlphttp.proxy_url: \"https://proxy:3128\" must be an http:// proxy (TLS to"
                + " the proxy is not supported)",
            "exporters.otlphttp.sending_queue.queue_size: must be > 0",
            "exporters.otlphttp.retry_on_failure.multiplier: must be >= 1");
  }

  @Test
  void checksTheClientCertificateFilesItWillPresent() {
    assertThat(
            yaml.problems(
                "{endpoint: 'https://b', tls: {cert_file: /nonexistent/client.pem}}",
                OtlpHttpExporterConfig.class))
        .anySatisfy(problem -> assertThat(problem).startsWith("exporters.otlphttp.tls.cert_file: "))
        .contains("exporters.otlphttp.tls.key_file: is required with cert_file");
  }

  @Test
  void refusesALevelOutsideTheCodecsRangeNamingCompressionParamsLevel() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://b', compression: gzip, compression_params: {level: 10}}",
                OtlpHttpExporterConfig.class))
        .containsExactly(
            "exporters.otlphttp.compression_params.level: must be 1 to 9, or -1 for zlib's default"
                + " (6) with compression gzip, not 10");
    assertThat(
            yaml.problems(
                "{endpoint: 'http://b', compression: snappy, compression_params: {level: 1}}",
                OtlpHttpExporterConfig.class))
        .containsExactly(
            "exporters.otlphttp.compression_params.level: is not supported with compression"
                + " snappy (it has no levels)");
  }

  @Test
  void refusesProxyCredentialsItCouldNotSend() {
    assertThat(
            yaml.problems(
                "{endpoint: 'http://b', proxy_url: 'http://user:secret@proxy:3128'}",
                OtlpHttpExporterConfig.class))
        .containsExactly("exporters.otlphttp.proxy_url: credentials in the URL are not supported");
  }

  @Test
  void refusesAKeyTheCollectorDoesNotHaveEither() {
    assertThat(
            yaml.problems("{endpoint: 'http://b', max_retries: 3}", OtlpHttpExporterConfig.class))
        .singleElement()
        .asString()
        .startsWith(
            "exporters.otlphttp.max_retries: unknown key \"max_retries\"; known keys: auth,");
  }

  private Optional<URI> urlOf(String text, Signal<?> signal) {
    return yaml.bind(text, OtlpHttpExporterConfig.class).url(signal);
  }

  private HttpCompression compressionOf(String text) {
    return yaml.bind("endpoint: http://b\n" + text, OtlpHttpExporterConfig.class).bodyCompression();
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
