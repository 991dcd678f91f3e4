package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.testing.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.cert.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginTest {
  @TempDir Path dir;

  @Test
  void aPlainConnectionGivesItsRemoteAddressAndNoCertificateNames() throws Exception {
    Origin origin = Origin.of(new InetSocketAddress("10.1.2.3", 51234), null);

    assertThat(origin.remoteAddress()).contains(InetAddress.getByName("10.1.2.3"));
    assertThat(origin.certificateHosts()).isEmpty();
    assertThat(origin.certificateAddresses()).isEmpty();
  }

  @Test
  void aVerifiedClientCertificateGivesItsCommonNameAndSubjectAlternativeNames() throws Exception {
    TestCertificates ca = TestCertificates.authority(dir, "origin");
    Certificate[] chain = {ca.issue("Tailgate-1.Peers").certificate(), ca.caCertificate()};

    Origin origin = Origin.of(new InetSocketAddress("10.1.2.3", 4317), chain);

    assertThat(origin.certificateHosts())
        .containsExactlyInAnyOrder("tailgate-1.peers", "localhost");
    assertThat(origin.certificateAddresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void theSameAddressFromAnotherPortIsTheSameOriginAndNothingKnownIsNone() {
    assertThat(Origin.of(new InetSocketAddress("10.1.2.3", 1), null))
        .isEqualTo(Origin.of(new InetSocketAddress("10.1.2.3", 2), null))
        .isNotEqualTo(Origin.of(new InetSocketAddress("10.1.2.4", 1), null));
    SocketAddress unixSocket = new SocketAddress() {};
    assertThat(Origin.of(unixSocket, new Certificate[0])).isSameAs(Origin.NONE);
    assertThat(Origin.NONE.remoteAddress()).isEmpty();
  }
}
