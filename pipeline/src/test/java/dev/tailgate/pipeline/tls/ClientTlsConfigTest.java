package dev.tailgate.pipeline.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's {@code tls:} reads its files when validated, as the channel or HTTP client does when
 * it is built.
 */
class ClientTlsConfigTest {
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Issued client;

  private final ConfigErrors errors = new ConfigErrors();

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "client-tls");
    client = ca.issue("client-tls-leaf");
  }

  @Test
  void acceptsACaAndAClientCertificateWithItsKey() {
    config(ca.caFile(), client.certFile(), client.keyFile()).validate(errors);

    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void checkRefusesACaFileThatIsNotPem() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.txt"), "not a certificate\n");

    config(notPem, null, null).validate(errors.at("exporters.otlp.tls"));

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("exporters.otlp.tls.ca_file: ");
  }

  @Test
  void checkRefusesAClientKeyThatIsNotAKey() {
    // The certificate in place of its key: both files are there, and only reading them tells.
    config(null, client.certFile(), client.certFile()).validate(errors.at("exporters.otlp.tls"));

    assertThat(errors.problems())
        .containsExactly(
            "exporters.otlp.tls.key_file: holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  @Test
  void anHttpClientTakesOnlyTheKeysThatVerifyTheServer() {
    new ClientTlsConfig(null, true, ca.caFile().toString(), null, null)
        .validateServerVerification(errors.at("exporters.elasticsearch.tls"));

    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void anHttpClientRefusesTheGrpcOnlyKeysAsUnknown() {
    new ClientTlsConfig(
            false, null, null, client.certFile().toString(), client.keyFile().toString())
        .validateServerVerification(errors.at("exporters.prometheusremotewrite.tls"));

    assertThat(errors.problems())
        .containsExactly(
            "exporters.prometheusremotewrite.tls.insecure: unknown key \"insecure\"; known keys:"
                + " ca_file, insecure_skip_verify",
            "exporters.prometheusremotewrite.tls.cert_file: unknown key \"cert_file\"; known keys:"
                + " ca_file, insecure_skip_verify",
            "exporters.prometheusremotewrite.tls.key_file: unknown key \"key_file\"; known keys:"
                + " ca_file, insecure_skip_verify");
  }

  @Test
  void anHttpClientChecksItsCaFile() throws Exception {
    Path notPem = Files.writeString(dir.resolve("http-ca.txt"), "not a certificate\n");

    new ClientTlsConfig(null, null, notPem.toString(), null, null)
        .validateServerVerification(errors.at("exporters.elasticsearch.tls"));

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("exporters.elasticsearch.tls.ca_file: ");
  }

  private static ClientTlsConfig config(Path caFile, Path certFile, Path keyFile) {
    return new ClientTlsConfig(false, null, text(caFile), text(certFile), text(keyFile));
  }

  private static String text(Path file) {
    return file == null ? null : file.toString();
  }
}
