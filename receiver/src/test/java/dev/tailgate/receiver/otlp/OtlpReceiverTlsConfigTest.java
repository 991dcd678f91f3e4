package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpReceiverTlsConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Issued server;
  private static Issued other;

  private final ConfigErrors errors = new ConfigErrors();

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "config");
    server = ca.issue("config-server");
    other = ca.issue("config-other", "EC");
  }

  @Test
  void bindsTheCollectorsTlsKeysOnBothProtocols() throws Exception {
    Optional<OtlpReceiverConfig> config =
        bind(
            """
            protocols:
              grpc:
                tls: { cert_file: %1$s, key_file: %2$s, client_ca_file: %3$s, min_version: "1.3", reload_interval: 1m }
              http:
                tls: { cert_file: %1$s, key_file: %2$s }
            """
                .formatted(server.certFile(), server.keyFile(), ca.caFile()));

    assertThat(errors.problems()).isEmpty();
    assertThat(config.orElseThrow().protocols().grpc().tls().protocols())
        .containsExactly("TLSv1.3");
    assertThat(config.orElseThrow().protocols().grpc().tls().reloadInterval())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(config.orElseThrow().protocols().http().tls().protocols())
        .containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(config.orElseThrow().protocols().http().tls().reloadInterval()).isZero();
  }

  @Test
  void aMissingFileIsReportedWithItsFullKey() throws Exception {
    bind(
        grpcTls(
            "cert_file: %s, key_file: %s".formatted(dir.resolve("nope.crt"), server.keyFile())));

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("receivers.otlp.protocols.grpc.tls.cert_file: file ")
        .endsWith("nope.crt does not exist");
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateIsReported() throws Exception {
    bind(
        """
        protocols:
          http:
            tls: { cert_file: %s, key_file: %s }
        """
            .formatted(server.certFile(), other.keyFile()));

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.http.tls.key_file: does not match the certificate in"
                + " cert_file (CN=config-server)");
  }

  @Test
  void anUnknownMinVersionIsReported() throws Exception {
    bind(
        grpcTls(
            "cert_file: %s, key_file: %s, min_version: \"1.1\""
                .formatted(server.certFile(), server.keyFile())));

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.grpc.tls.min_version: \"1.1\" is not supported; use \"1.2\""
                + " or \"1.3\" (older TLS versions are insecure)");
  }

  @Test
  void certAndKeyAreRequiredAndAClientCaMustBeACertificate() throws Exception {
    bind(grpcTls("client_ca_file: %s".formatted(server.keyFile())));
    ConfigErrors badCa = new ConfigErrors();
    new ConfigBinder()
        .bind(
            YAML.readTree(
                grpcTls(
                    "cert_file: %s, key_file: %s, client_ca_file: %s"
                        .formatted(server.certFile(), server.keyFile(), server.keyFile()))),
            OtlpReceiverConfig.class,
            "receivers.otlp",
            badCa);

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.grpc.tls.cert_file: is required",
            "receivers.otlp.protocols.grpc.tls.key_file: is required");
    assertThat(badCa.problems())
        .singleElement()
        .asString()
        .startsWith("receivers.otlp.protocols.grpc.tls.client_ca_file: ");
  }

  @Test
  void tlsWrittenWithoutValueAsksForTheFilesInsteadOfServingPlaintext() throws Exception {
    bind("protocols:\n  http:\n    tls:\n");

    assertThat(errors.problems())
        .containsExactly(
            "receivers.otlp.protocols.http.tls.cert_file: is required",
            "receivers.otlp.protocols.http.tls.key_file: is required");
  }

  private static String grpcTls(String keys) {
    return "protocols:\n  grpc:\n    tls: { " + keys + " }\n";
  }

  private Optional<OtlpReceiverConfig> bind(String yaml) throws Exception {
    return new ConfigBinder()
        .bind(YAML.readTree(yaml), OtlpReceiverConfig.class, "receivers.otlp", errors);
  }
}
