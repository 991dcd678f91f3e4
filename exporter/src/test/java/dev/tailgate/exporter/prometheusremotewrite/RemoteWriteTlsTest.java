package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class RemoteWriteTlsTest {

  @Test
  void usesTheSystemTrustStoreByDefault() throws Exception {
    assertThat(RemoteWriteTls.context(RemoteWriteTlsConfig.DEFAULT)).isSameAs(SSLContext.getDefault());
  }

  @Test
  void trustsOnlyTheGivenCas() throws URISyntaxException {
    String ca = Path.of(getClass().getResource("/dev/tailgate/exporter/otlp/tls/ca.pem").toURI()).toString();

    SSLContext context = RemoteWriteTls.context(new RemoteWriteTlsConfig(false, ca));

    assertThat(context).isNotSameAs(RemoteWriteTls.context(RemoteWriteTlsConfig.DEFAULT));
    assertThat(context.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void refusesACaFileWithoutCertificates() {
    String notPem = Path.of("pom.xml").toAbsolutePath().toString();

    assertThatThrownBy(() -> RemoteWriteTls.context(new RemoteWriteTlsConfig(false, notPem)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tls");
  }
}
