package dev.tailgate.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.exporter.testing.OtlpHttpStub;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestSettings;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** otlphttp over HTTPS to a backend that demands a client certificate (mutual TLS). */
class OtlpHttpExporterTlsTest {
  @TempDir static Path dir;

  // Made once: keytool takes seconds per key on a busy machine.
  private static TestCertificates ca;
  private static TestCertificates.Issued client;
  private static TestCertificates.Issued server;

  private final YamlConfig yaml = new YamlConfig("exporters.otlphttp");
  private final List<Exporter<?>> exporters = new ArrayList<>();
  private OtlpHttpStub backend;

  @BeforeAll
  static void issueCertificates() {
    ca = TestCertificates.authority(dir, "test-ca");
    client = ca.issue("gateway");
    server = ca.issue("backend");
  }

  @AfterEach
  void stop() {
    exporters.forEach(Exporter::shutdown);
    backend.close();
  }

  @Test
  void presentsTheClientCertificateOfCertFileAndKeyFile() {
    backend = OtlpHttpStub.httpsWithClientCertificates(ca.clientContext(server));

    exporter(
            "tls: { ca_file: '%s', cert_file: '%s', key_file: '%s' }"
                .formatted(ca.caFile(), client.certFile(), client.keyFile()))
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.requests())
        .extracting(OtlpHttpStub.Request::client)
        .containsExactly("CN=gateway");
  }

  @Test
  void cannotSendToABackendThatDemandsACertificateWithoutOne() {
    backend = OtlpHttpStub.httpsWithClientCertificates(ca.clientContext(server));
    Exporter<ExportTraceServiceRequest> exporter =
        exporter("tls: { ca_file: '%s' }".formatted(ca.caFile()));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class);
    assertThat(backend.requests()).isEmpty();
  }

  private Exporter<ExportTraceServiceRequest> exporter(String tls) {
    String config =
        """
        endpoint: %s
        %s
        sending_queue: { enabled: false }
        retry_on_failure: { enabled: false }
        """
            .formatted(backend.url(), tls);
    Exporter<ExportTraceServiceRequest> exporter =
        new OtlpHttpExporterFactory()
            .create(
                TestSettings.of("otlphttp"),
                yaml.bind(config, OtlpHttpExporterConfig.class),
                Signal.TRACES);
    exporters.add(exporter);
    exporter.start();
    return exporter;
  }
}
