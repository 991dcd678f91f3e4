package dev.tailgate.pipeline.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.testing.TestCertificates;
import dev.tailgate.pipeline.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
  @TempDir static Path dir;
  private static TestCertificates ca;
  private static Issued rsa;
  private static Issued ec;
  private static Issued other;

  @BeforeAll
  static void issue() {
    ca = TestCertificates.authority(dir, "server-tls");
    rsa = ca.issue("rsa-server");
    ec = ca.issue("ec-server", "EC");
    other = ca.issue("other-server");
  }

  @Test
  void servesAnRsaOrEcPkcs8KeyOverARealHandshake() throws Exception {
    for (Issued issued : new Issued[] {rsa, ec}) {
      ServerTls tls = ServerTls.load(config(issued.certFile(), issued.keyFile(), Duration.ZERO));

      assertThat(handshake(tls).getSubjectX500Principal())
          .isEqualTo(issued.certificate().getSubjectX500Principal());
    }
  }

  @Test
  void reloadsRotatedFilesForNewConnectionsOnceTheIntervalHasPassed() throws Exception {
    Path cert = dir.resolve("rotating.crt");
    Path key = dir.resolve("rotating.key");
    Files.copy(rsa.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rsa.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    ServerTls tls = ServerTls.load(config(cert, key, Duration.ofMillis(200)));

    Files.copy(other.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(other.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(300);

    assertThat(handshake(tls).getSerialNumber()).isEqualTo(other.certificate().getSerialNumber());
  }

  @Test
  void withoutReloadIntervalKeepsServingTheFirstCertificate() throws Exception {
    Path cert = dir.resolve("fixed.crt");
    Path key = dir.resolve("fixed.key");
    Files.copy(rsa.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rsa.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    ServerTls tls = ServerTls.load(config(cert, key, Duration.ZERO));

    Files.copy(other.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(other.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);

    assertThat(handshake(tls).getSerialNumber()).isEqualTo(rsa.certificate().getSerialNumber());
  }

  @Test
  void aHalfWrittenRotationKeepsThePreviousPair() throws Exception {
    Path cert = dir.resolve("half.crt");
    Path key = dir.resolve("half.key");
    Files.copy(rsa.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(rsa.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
    ServerTls tls = ServerTls.load(config(cert, key, Duration.ofMillis(100)));

    Files.copy(other.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(150);

    assertThat(handshake(tls).getSerialNumber()).isEqualTo(rsa.certificate().getSerialNumber());
  }

  @Test
  void reloadsARotatedClientCaForNewConnectionsOnceTheIntervalHasPassed() throws Exception {
    TestCertificates oldCa = TestCertificates.authority(dir, "old-client-ca");
    TestCertificates newCa = TestCertificates.authority(dir, "new-client-ca");
    Issued oldClient = oldCa.issue("old-client");
    Issued newClient = newCa.issue("new-client");
    Path clientCa = dir.resolve("rotating-client-ca.crt");
    Files.copy(oldCa.caFile(), clientCa, StandardCopyOption.REPLACE_EXISTING);
    ServerTls tls = ServerTls.load(mtlsConfig(clientCa, Duration.ofMillis(200)));
    assertThat(clientAccepted(tls, oldClient)).isTrue();
    assertThat(clientAccepted(tls, newClient)).isFalse();

    Files.copy(newCa.caFile(), clientCa, StandardCopyOption.REPLACE_EXISTING);
    Thread.sleep(300);

    assertThat(clientAccepted(tls, newClient)).as("signed by the new CA").isTrue();
    assertThat(clientAccepted(tls, oldClient)).as("signed by the dropped CA").isFalse();
  }

  @Test
  void aClientCaFileThatNoLongerLoadsKeepsThePreviousCas() throws Exception {
    TestCertificates clientCas = TestCertificates.authority(dir, "kept-client-ca");
    Issued client = clientCas.issue("kept-client");
    Path clientCa = dir.resolve("broken-client-ca.crt");
    Files.copy(clientCas.caFile(), clientCa, StandardCopyOption.REPLACE_EXISTING);
    ServerTls tls = ServerTls.load(mtlsConfig(clientCa, Duration.ofMillis(100)));

    Files.writeString(clientCa, "-----BEGIN CERTIFICATE-----\nMIIB\n");
    Thread.sleep(150);

    assertThat(clientAccepted(tls, client)).isTrue();
  }

  @Test
  void withoutReloadIntervalKeepsTrustingTheFirstClientCa() throws Exception {
    TestCertificates firstCa = TestCertificates.authority(dir, "first-client-ca");
    TestCertificates laterCa = TestCertificates.authority(dir, "later-client-ca");
    Issued firstClient = firstCa.issue("first-client");
    Path clientCa = dir.resolve("fixed-client-ca.crt");
    Files.copy(firstCa.caFile(), clientCa, StandardCopyOption.REPLACE_EXISTING);
    ServerTls tls = ServerTls.load(mtlsConfig(clientCa, Duration.ZERO));

    Files.copy(laterCa.caFile(), clientCa, StandardCopyOption.REPLACE_EXISTING);

    assertThat(clientAccepted(tls, firstClient)).isTrue();
  }

  @Test
  void aPkcs1KeyIsRefusedWithHowToConvertIt() throws Exception {
    Path pkcs1 = dir.resolve("pkcs1.key");
    Files.writeString(
        pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> ServerTls.load(config(rsa.certFile(), pkcs1, Duration.ZERO)))
        .isInstanceOf(TlsFileException.class)
        .hasMessageStartingWith("key_file: holds a PKCS#1/SEC1 key")
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  private static TlsServerConfig config(Path cert, Path key, Duration reload) {
    return new TlsServerConfig(cert.toString(), key.toString(), null, null, reload);
  }

  private static TlsServerConfig mtlsConfig(Path clientCa, Duration reload) {
    return new TlsServerConfig(
        rsa.certFile().toString(), rsa.keyFile().toString(), clientCa.toString(), null, reload);
  }

  /**
   * Whether a server with {@code tls}'s context, requiring a client certificate, accepts {@code
   * client}'s in a real handshake. Judged on the server's side: under TLS 1.3 the client may finish
   * its handshake before the server has checked the certificate.
   */
  private static boolean clientAccepted(ServerTls tls, Issued client) throws Exception {
    try (SSLServerSocket server =
        (SSLServerSocket)
            tls.sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      server.setEnabledProtocols(tls.protocols().toArray(String[]::new));
      server.setNeedClientAuth(tls.clientAuthRequired());
      java.util.concurrent.CompletableFuture<Boolean> accepted =
          new java.util.concurrent.CompletableFuture<>();
      Thread accept =
          new Thread(
              () -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                  socket.startHandshake();
                  socket.getOutputStream().write(1);
                  accepted.complete(true);
                } catch (Exception e) {
                  accepted.complete(false);
                }
              });
      accept.start();
      try (SSLSocket socket =
          (SSLSocket)
              ca.clientContext(client)
                  .getSocketFactory()
                  .createSocket("localhost", server.getLocalPort())) {
        socket.setSoTimeout(5000);
        socket.startHandshake();
        socket.getInputStream().read();
      } catch (java.io.IOException refused) {
        // the server's verdict below says why
      }
      return accepted.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** The certificate a real TLS client sees from a socket served with {@code tls}'s context. */
  private static java.security.cert.X509Certificate handshake(ServerTls tls) throws Exception {
    try (SSLServerSocket server =
        (SSLServerSocket)
            tls.sslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      server.setEnabledProtocols(tls.protocols().toArray(String[]::new));
      Thread accept =
          new Thread(
              () -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                  socket.startHandshake();
                  socket.getOutputStream().write(1);
                } catch (Exception e) {
                  // the client's assertion reports what went wrong
                }
              });
      accept.start();
      try (SSLSocket client =
          (SSLSocket)
              ca.clientContext()
                  .getSocketFactory()
                  .createSocket("localhost", server.getLocalPort())) {
        client.startHandshake();
        client.getInputStream().read();
        accept.join(5000);
        return (java.security.cert.X509Certificate) client.getSession().getPeerCertificates()[0];
      }
    }
  }
}
