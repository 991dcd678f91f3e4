package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.client.grpc.GrpcTarget;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.QueueSizer;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpExporterConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.otlp");

  @Test
  void bindsTheGatewayDefaultWithCollectorDefaults() {
    OtlpExporterConfig config =
        yaml.bindResource(getClass(), "gateway-default.yaml", OtlpExporterConfig.class);

    assertThat(config.target()).isEqualTo(new GrpcTarget("backend", 4317, GrpcTarget.Scheme.NONE));
    assertThat(config.tls().plaintext()).isTrue();
    assertThat(config.tls().insecureSkipVerify()).isFalse();
    assertThat(config.compression()).isEqualTo("gzip");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.headers()).isEmpty();
    assertThat(config.sendingQueue()).isEqualTo(QueueConfig.DEFAULT);
    assertThat(config.retryOnFailure()).isEqualTo(RetryConfig.DEFAULT);
  }

  @Test
  void bindsEveryKey() {
    OtlpExporterConfig config =
        yaml.bindResource(getClass(), "full.yaml", OtlpExporterConfig.class);

    assertThat(config.target())
        .isEqualTo(new GrpcTarget("collector.example.com", 4317, GrpcTarget.Scheme.HTTPS));
    assertThat(config.tls().plaintext()).isFalse();
    assertThat(config.tls().insecureSkipVerify()).isTrue();
    assertThat(config.headers())
        .containsExactly(Map.entry("authorization", "Bearer t0ken"), Map.entry("x-tenant", "acme"));
    assertThat(config.channelCompression().encoding()).isEmpty();
    assertThat(config.exporterSettings().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.sendingQueue().numConsumers()).isEqualTo(4);
    assertThat(config.sendingQueue().sizer()).isEqualTo(QueueSizer.REQUESTS);
    assertThat(config.sendingQueue().queueSize()).isEqualTo(50);
    assertThat(config.retryOnFailure().maxElapsedTime()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void usesTlsByDefault() {
    assertThat(yaml.bind("endpoint: backend:4317", OtlpExporterConfig.class).tls().plaintext())
        .isFalse();
  }

  @Test
  void letsAnHttpSchemeDefaultToPlaintextUnlessTlsSaysOtherwise() {
    assertThat(
            yaml.bind("endpoint: http://backend:4317", OtlpExporterConfig.class).tls().plaintext())
        .isTrue();
    assertThat(
            yaml.bind(
                    "{endpoint: 'http://backend:4317', tls: {insecure: false}}",
                    OtlpExporterConfig.class)
                .tls()
                .plaintext())
        .isFalse();
  }

  @Test
  void requiresAnEndpoint() {
    assertThat(yaml.problems("", OtlpExporterConfig.class))
        .containsExactly("exporters.otlp.endpoint: is required");
    assertThat(yaml.problems("tls: {insecure: true}", OtlpExporterConfig.class))
        .containsExactly("exporters.otlp.endpoint: is required");
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThat(
            yaml.problems(
                """
                endpoint: backend
                compression: lz4
                timeout: 0s
                sending_queue: { queue_size: 0 }
                retry_on_failure: { multiplier: 0.5 }
                """,
                OtlpExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.otlp.endpoint: \"backend\" is not host:port (e.g. 0.0.0.0:4317)",
            "exporters.otlp.compression: must be gzip, zstd, snappy or none, not \"lz4\"",
            "exporters.otlp.timeout: must be > 0",
            "exporters.otlp.sending_queue.queue_size: must be > 0",
            "exporters.otlp.retry_on_failure.multiplier: must be >= 1");
  }

  @Test
  void takesEachCompressionWithTheLevelsItHas() {
    assertThat(encodingOf("compression: zstd")).hasValue("zstd");
    assertThat(encodingOf("compression: zstd\ncompression_params: { level: 22 }")).hasValue("zstd");
    assertThat(encodingOf("compression: zstd\ncompression_params: { level: -7 }")).hasValue("zstd");
    assertThat(encodingOf("compression: snappy")).hasValue("snappy");
    assertThat(encodingOf("compression: gzip\ncompression_params: { level: 1 }")).hasValue("gzip");
    assertThat(encodingOf("compression: gzip\ncompression_params: { level: -1 }")).hasValue("gzip");
    assertThat(encodingOf("compression: none")).isEmpty();
  }

  @Test
  void refusesALevelOutsideTheCodecsRangeNamingCompressionParamsLevel() {
    assertThat(levelProblem("gzip", 0))
        .isEqualTo(
            "exporters.otlp.compression_params.level: must be 1 to 9, or -1 for zlib's default (6)"
                + " with compression gzip, not 0");
    assertThat(levelProblem("gzip", 10))
        .startsWith("exporters.otlp.compression_params.level: must be 1 to 9");
    assertThat(levelProblem("zstd", 23))
        .isEqualTo(
            "exporters.otlp.compression_params.level: must be 1 to 22, or -7 to -1 for zstd's fast"
                + " levels (default 3) with compression zstd, not 23");
    assertThat(levelProblem("zstd", -8))
        .startsWith("exporters.otlp.compression_params.level: must be 1 to 22");
    assertThat(levelProblem("zstd", 0))
        .startsWith("exporters.otlp.compression_params.level: must be 1 to 22");
  }

  @Test
  void refusesALevelForCompressionsThatHaveNone() {
    assertThat(levelProblem("snappy", 1))
        .isEqualTo(
            "exporters.otlp.compression_params.level: is not supported with compression snappy (it"
                + " has no levels)");
    assertThat(levelProblem("none", 1))
        .isEqualTo(
            "exporters.otlp.compression_params.level: is not supported with compression none (it"
                + " has no levels)");
  }

  @Test
  void refusesUnknownCompressionParamsNamingThem() {
    assertThat(
            yaml.problems(
                "{endpoint: 'backend:4317', compression_params: {lvl: 1}}",
                OtlpExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("exporters.otlp.compression_params.lvl: unknown key \"lvl\""));
  }

  @Test
  void reportsMissingTlsFiles() {
    assertThat(
            yaml.problems(
                "{endpoint: 'backend:4317', tls: {ca_file: /no/such/ca.pem, cert_file:"
                    + " /no/such/cert.pem}}",
                OtlpExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.otlp.tls.ca_file: file not found: /no/such/ca.pem",
            "exporters.otlp.tls.cert_file: file not found: /no/such/cert.pem",
            "exporters.otlp.tls.key_file: is required with cert_file");
  }

  @Test
  void refusesBinaryAndMalformedHeaders() {
    assertThat(
            yaml.problems(
                "{endpoint: 'backend:4317', headers: {trace-bin: x, 'bad header': y, x-ok:"
                    + " 'caf\u00e9'}}",
                OtlpExporterConfig.class))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("exporters.otlp.headers.trace-bin: "))
        .anySatisfy(p -> assertThat(p).startsWith("exporters.otlp.headers.bad header: "))
        .anySatisfy(
            p -> assertThat(p).isEqualTo("exporters.otlp.headers.x-ok: must be printable ASCII"));
  }

  private Optional<String> encodingOf(String compression) {
    return yaml.bind("endpoint: backend:4317\n" + compression, OtlpExporterConfig.class)
        .channelCompression()
        .encoding();
  }

  private String levelProblem(String compression, int level) {
    List<String> problems =
        yaml.problems(
            "{endpoint: 'backend:4317', compression: %s, compression_params: {level: %d}}"
                .formatted(compression, level),
            OtlpExporterConfig.class);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void refusesUnknownKeysNamingThem() {
    assertThat(
            yaml.problems(
                "{endpoint: 'backend:4317', tls: {insecur: true}}", OtlpExporterConfig.class))
        .singleElement()
        .satisfies(
            p -> assertThat(p).startsWith("exporters.otlp.tls.insecur: unknown key \"insecur\""));
  }
}
