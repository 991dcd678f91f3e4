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

class PemCheckTest {
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Issued issued;

  private final ConfigErrors errors = new ConfigErrors();

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "pem-check");
    issued = ca.issue("pem-check-leaf");
  }

  @Test
  void acceptsPemCertificatesAndAPkcs8Key() {
    PemCheck.certificates(errors, "ca_file", ca.caFile().toString());
    PemCheck.certificates(errors, "cert_file", issued.certFile().toString());
    PemCheck.privateKey(errors, "key_file", issued.keyFile().toString());

    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void leavesAFileThatIsNotConfiguredAlone() {
    PemCheck.certificates(errors, "ca_file", null);
    PemCheck.privateKey(errors, "key_file", null);

    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void namesTheKeyOfAMissingOrEmptyFileName() {
    PemCheck.certificates(errors, "ca_file", "/no/such/ca.pem");
    PemCheck.privateKey(errors, "key_file", " ");

    assertThat(errors.problems())
        .containsExactly("ca_file: file not found: /no/such/ca.pem", "key_file: must not be empty");
  }

  @Test
  void refusesACertificateFileThatHoldsNoCertificate() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not-a-cert.pem"), "hello\n");

    PemCheck.certificates(errors, "ca_file", notPem.toString());

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("ca_file: ")
        .containsAnyOf("holds no PEM certificate", "is not a PEM certificate");
  }

  @Test
  void refusesAKeyFileThatIsNotPkcs8() throws Exception {
    Path pkcs1 =
        Files.writeString(
            dir.resolve("pkcs1.key"),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

    PemCheck.privateKey(errors, "key_file", pkcs1.toString());

    assertThat(errors.problems())
        .singleElement()
        .asString()
        .startsWith("key_file: holds a PKCS#1/SEC1 key; convert it to PKCS#8");
  }
}
