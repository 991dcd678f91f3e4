package dev.tailgate.exporter.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.client.grpc.GrpcTarget;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.QueueSizer;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JaegerExporterConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.jaeger");

  @Test
  void bindsAnEndpointWithTheDefaults() {
    JaegerExporterConfig config =
        yaml.bind("endpoint: jaeger-collector:14250", JaegerExporterConfig.class);

    assertThat(config.target())
        .isEqualTo(new GrpcTarget("jaeger-collector", 14250, GrpcTarget.Scheme.NONE));
    assertThat(config.tls().plaintext()).as("TLS unless insecure: true").isFalse();
    assertThat(config.tls().insecureSkipVerify()).isFalse();
    assertThat(config.headers()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.sendingQueue()).isEqualTo(QueueConfig.DEFAULT);
    assertThat(config.retryOnFailure()).isEqualTo(RetryConfig.DEFAULT);
  }

  @Test
  void bindsEveryKey() {
    JaegerExporterConfig config =
        yaml.bindResource(getClass(), "full.yaml", JaegerExporterConfig.class);

    assertThat(config.target().host()).isEqualTo("jaeger-collector");
    assertThat(config.tls().plaintext()).isFalse();
    assertThat(config.tls().insecureSkipVerify()).isTrue();
    assertThat(config.headers()).containsExactly(Map.entry("x-tenant", "acme"));
    assertThat(config.exporterSettings().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.exporterSettings().queue().numConsumers()).isEqualTo(2);
    assertThat(config.exporterSettings().queue().sizer()).isEqualTo(QueueSizer.ITEMS);
    assertThat(config.exporterSettings().queue().queueSize()).isEqualTo(100);
    assertThat(config.exporterSettings().retry().initialInterval())
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(config.exporterSettings().retry().maxElapsedTime()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void sendsInPlaintextWithInsecureTrueOrAnHttpScheme() {
    assertThat(
            yaml.bind(
                    "{endpoint: 'jaeger:14250', tls: {insecure: true}}", JaegerExporterConfig.class)
                .tls()
                .plaintext())
        .isTrue();
    assertThat(
            yaml.bind("endpoint: http://jaeger:14250", JaegerExporterConfig.class)
                .tls()
                .plaintext())
        .isTrue();
  }

  @Test
  void requiresAnEndpoint() {
    assertThat(yaml.problems("tls: {insecure: true}", JaegerExporterConfig.class))
        .containsExactly(
            "exporters.jaeger.endpoint: is required (the Jaeger collector's gRPC host:port, e.g."
                + " jaeger-collector:14250)");
  }

  @Test
  void namesTheKeyOfEachInvalidValue() {
    assertThat(
            yaml.problems(
                """
                endpoint: jaeger-collector
                headers: { trace-bin: x }
                timeout: 0s
                sending_queue: { num_consumers: 0 }
                retry_on_failure: { randomization_factor: 1 }
                tls: { cert_file: /no/such/cert.pem }
                """,
                JaegerExporterConfig.class))
        .containsExactlyInAnyOrder(
            "exporters.jaeger.endpoint: \"jaeger-collector\" is not host:port (e.g. 0.0.0.0:4317)",
            "exporters.jaeger.headers.trace-bin: binary (-bin) headers are not supported",
            "exporters.jaeger.timeout: must be > 0",
            "exporters.jaeger.sending_queue.num_consumers: must be > 0",
            "exporters.jaeger.retry_on_failure.randomization_factor: must be in [0, 1)",
            "exporters.jaeger.tls.cert_file: file not found: /no/such/cert.pem",
            "exporters.jaeger.tls.key_file: is required with cert_file");
  }

  @Test
  void refusesKeysItDoesNotHave() {
    assertThat(
            yaml.problems(
                "{endpoint: 'jaeger:14250', compression: gzip}", JaegerExporterConfig.class))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("exporters.jaeger.compression: unknown key \"compression\""));
  }
}
