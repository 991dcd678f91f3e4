package dev.tailgate.pipeline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSL context an HTTP client gets for its {@code tls:} block. */
class ClientSslContextsTest {
  @TempDir Path dir;

  @Test
  void usesTheSystemTrustStoreByDefault() throws Exception {
    assertThat(ClientSslContexts.of(ClientTlsConfig.DEFAULT)).isSameAs(SSLContext.getDefault());
  }

  @Test
  void trustsOnlyTheGivenCas() {
    String ca = TestCertificates.authority(dir, "ssl-contexts").caFile().toString();

    SSLContext context = ClientSslContexts.of(new ClientTlsConfig(null, false, ca, null, null));

    assertThat(context).isNotSameAs(ClientSslContexts.of(ClientTlsConfig.DEFAULT));
    assertThat(context.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void trustsAnythingWithInsecureSkipVerify() {
    SSLContext context = ClientSslContexts.of(new ClientTlsConfig(null, true, null, null, null));

    assertThat(context.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void refusesACaFileWithoutCertificates() throws Exception {
    String notPem = Files.writeString(dir.resolve("ca.txt"), "not a certificate\n").toString();

    assertThatThrownBy(
            () -> ClientSslContexts.of(new ClientTlsConfig(null, false, notPem, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tls");
  }
}
