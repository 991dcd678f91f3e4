package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TLS towards the backend, with the test certificates in src/test/resources/.../otlp/tls. */
class OtlpExporterTlsTest {
  private final YamlConfig yaml = new YamlConfig("exporters.otlp");
  private final List<Exporter<?>> exporters = new ArrayList<>();
  private OtlpTestBackend backend;

  @AfterEach
  void stop() throws InterruptedException {
    exporters.forEach(Exporter::shutdown);
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void verifiesTheServerAgainstTheCaFile() {
    backend = OtlpTestBackend.start(0, serverCredentials("server", false));

    exporter("tls: { ca_file: '%s' }".formatted(file("ca.pem")))
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void refusesAServerItCannotVerify() {
    backend = OtlpTestBackend.start(0, serverCredentials("stranger", false));
    Exporter<ExportTraceServiceRequest> exporter =
        exporter("tls: { ca_file: '%s' }".formatted(file("ca.pem")));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class);
    assertThat(backend.attempts()).isZero();
  }

  @Test
  void acceptsAnyServerWithInsecureSkipVerify() {
    backend = OtlpTestBackend.start(0, serverCredentials("stranger", false));

    exporter("tls: { insecure_skip_verify: true }").consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void checksTheServersCertificateAgainstServerNameOverride() {
    backend = OtlpTestBackend.start(0, serverCredentials("server", false));
    Exporter<ExportTraceServiceRequest> wrongName =
        exporter(
            "tls: { ca_file: '%s', server_name_override: other.example }"
                .formatted(file("ca.pem")));

    assertThatThrownBy(() -> wrongName.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class);
    exporter("tls: { ca_file: '%s', server_name_override: localhost }".formatted(file("ca.pem")))
        .consume(Batches.of(OtlpSamples.traces()));
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void speaksOnlyTls13WithMinVersion13() {
    backend = OtlpTestBackend.start(0, serverCredentials("server", false));

    exporter("tls: { ca_file: '%s', min_version: \"1.3\" }".formatted(file("ca.pem")))
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void presentsTheClientCertificateForMutualTls() {
    backend = OtlpTestBackend.start(0, serverCredentials("server", true));

    exporter(
            "tls: { ca_file: '%s', cert_file: '%s', key_file: '%s' }"
                .formatted(file("ca.pem"), file("client.pem"), file("client-key.pem")))
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void isRefusedWithoutAClientCertificateWhenTheServerRequiresOne() {
    backend = OtlpTestBackend.start(0, serverCredentials("server", true));
    Exporter<ExportTraceServiceRequest> exporter =
        exporter("tls: { ca_file: '%s' }".formatted(file("ca.pem")));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class);
    assertThat(backend.accepted()).isEmpty();
  }

  private Exporter<ExportTraceServiceRequest> exporter(String tls) {
    String config =
        """
        endpoint: 127.0.0.1:%d
        %s
        sending_queue: { enabled: false }
        retry_on_failure: { enabled: false }
        """
            .formatted(backend.port(), tls);
    Exporter<ExportTraceServiceRequest> exporter =
        new OtlpExporterFactory()
            .create(
                TestSettings.of("otlp"),
                yaml.bind(config, OtlpExporterConfig.class),
                Signal.TRACES);
    exporters.add(exporter);
    exporter.start();
    return exporter;
  }

  private static ServerCredentials serverCredentials(
      String name, boolean requireClientCertificate) {
    try {
      TlsServerCredentials.Builder builder =
          TlsServerCredentials.newBuilder()
              .keyManager(new File(file(name + ".pem")), new File(file(name + "-key.pem")));
      if (requireClientCertificate) {
        builder
            .trustManager(new File(file("ca.pem")))
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String file(String name) {
    try {
      return new File(OtlpExporterTlsTest.class.getResource("tls/" + name).toURI()).getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
