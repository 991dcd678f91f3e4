package dev.tailgate.pipeline.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * A server's TLS, built once from a {@link TlsServerConfig} and shared by whatever serves it (the
 * gRPC server through Netty, OTLP/HTTP through Jetty): the key manager and, when {@code
 * client_ca_file} is set, the trust manager for client certificates (then a client must present a
 * certificate one of its CAs signed), both of which read their files again every {@code
 * reload_interval}, and the protocol versions.
 */
public final class ServerTls {
  private final ReloadingKeyManager keyManager;
  private final Optional<X509TrustManager> clientTrust;
  private final List<String> protocols;
  private final SSLContext sslContext;

  private ServerTls(
      ReloadingKeyManager keyManager,
      Optional<X509TrustManager> clientTrust,
      List<String> protocols) {
    this.keyManager = keyManager;
    this.clientTrust = clientTrust;
    this.protocols = protocols;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {keyManager},
          clientTrust.map(trust -> new TrustManager[] {trust}).orElse(null),
          null);
      this.sslContext = context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS: " + e, e);
    }
  }

  /**
   * Reads the files of a validated config.
   *
   * @throws TlsFileException naming the key of a file that cannot be read or used
   */
  public static ServerTls load(TlsServerConfig config) {
    ReloadingKeyManager keyManager =
        new ReloadingKeyManager(
            Path.of(config.certFile()),
            Path.of(config.keyFile()),
            config.reloadInterval(),
            System::nanoTime);
    Optional<X509TrustManager> clientTrust =
        Optional.ofNullable(config.clientCaFile())
            .map(
                file ->
                    new ReloadingTrustManager(
                        Path.of(file), config.reloadInterval(), System::nanoTime));
    return new ServerTls(keyManager, clientTrust, config.protocols());
  }

  public X509ExtendedKeyManager keyManager() {
    return keyManager;
  }

  /**
   * Present when client certificates are required: it checks them against {@code client_ca_file}.
   */
  public Optional<X509TrustManager> clientTrust() {
    return clientTrust;
  }

  public boolean clientAuthRequired() {
    return clientTrust.isPresent();
  }

  /** JSSE protocol names to enable, e.g. {@code TLSv1.3}. */
  public List<String> protocols() {
    return protocols;
  }

  /** A JDK context with this key manager and trust, for servers that take an {@link SSLContext}. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** The certificate that the next handshake will present (after a reload that is due). */
  public X509Certificate certificate() {
    return keyManager.certificate();
  }
}
