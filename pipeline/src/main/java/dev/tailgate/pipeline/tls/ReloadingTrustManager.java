package dev.tailgate.pipeline.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's trust in client certificates, from the CAs of {@code client_ca_file}. With a reload
 * interval it reads the file again when a handshake comes after the interval has passed, so that a
 * rotated client CA (a new CA added beside the old one, or the old one dropped) holds for new
 * connections without a restart, as {@link ReloadingKeyManager} does for the server's own pair.
 * Open connections keep the trust they were checked with.
 *
 * <p>A file that fails to load (half written, not PEM) keeps the previous CAs: a warning is logged
 * and the file is read again after the next interval.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingTrustManager.class);
  static final String KEY = "client_ca_file";

  /** The CAs as read, and the JDK's trust manager over them. */
  private record Trust(byte[] pem, X509ExtendedTrustManager manager) {}

  private final Path caFile;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private volatile Trust current;
  private volatile long nextCheck;

  /**
   * @throws TlsFileException when the file cannot be read or used, at first: then there is no
   *     previous trust to keep
   */
  ReloadingTrustManager(Path caFile, Duration interval, LongSupplier nanoTime) {
    this.caFile = caFile;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.current = load(TlsFiles.read(KEY, caFile));
    this.nextCheck = nanoTime.getAsLong() + intervalNanos;
  }

  /** The CAs a client certificate may be signed by for the next handshake (after a due reload). */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust().manager().getAcceptedIssuers();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    trust().manager().checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    trust().manager().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    trust().manager().checkClientTrusted(chain, authType, engine);
  }

  /** A server's trust manager: it never judges a server. */
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client_ca_file trusts clients only");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  private Trust trust() {
    reloadIfDue();
    return current;
  }

  private void reloadIfDue() {
    if (intervalNanos <= 0 || nanoTime.getAsLong() - nextCheck < 0) {
      return;
    }
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (now - nextCheck < 0) {
        return;
      }
      nextCheck = now + intervalNanos;
      try {
        byte[] pem = TlsFiles.read(KEY, caFile);
        if (Arrays.equals(pem, current.pem())) {
          return;
        }
        current = load(pem);
        LOG.info(
            "TLS client CAs reloaded from {}: {}",
            caFile,
            Arrays.stream(current.manager().getAcceptedIssuers())
                .map(ca -> ca.getSubjectX500Principal().getName())
                .toList());
      } catch (TlsFileException e) {
        LOG.warn(
            "TLS client CAs not reloaded, still trusting the previous ones: {}", e.getMessage());
      }
    }
  }

  private static Trust load(byte[] pem) {
    List<X509Certificate> cas = PemFiles.certificates(KEY, pem);
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("client-ca-" + i, cas.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          return new Trust(pem, x509);
        }
      }
      throw new IllegalStateException(
          "the JDK's trust manager factory made no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsFileException(KEY, "cannot be used as a trust store: " + e, e);
    }
  }
}
