package dev.tailgate.pipeline.tls;

import java.net.Socket;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a TLS key manager that serves the certificate and key from two PEM files and,
 * with a reload interval, reads them again when a handshake comes after the interval has passed, so
 * that a rotated certificate is served to new connections without a restart (as the Collector's
 * {@code reload_interval}). Reading on demand rather than on a timer needs no thread to stop.
 *
 * <p>A rotation that is half written (a new certificate beside the old key) fails the match check:
 * the old pair is kept, a warning is logged, and the files are read again after the next interval.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

  /**
   * One loaded pair under its own alias. The JDK asks for an alias first and for its chain and key
   * in later calls; a reload in between must not hand out the new key with the old chain.
   */
  private record Generation(String alias, KeyMaterial material) {}

  private final Path certFile;
  private final Path keyFile;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private volatile Generation current;
  private volatile Generation previous;
  private volatile long nextCheck;
  private int generations;

  ReloadingKeyManager(Path certFile, Path keyFile, Duration interval, LongSupplier nanoTime) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.current = next(KeyMaterial.read(certFile, keyFile));
    this.nextCheck = nanoTime.getAsLong() + intervalNanos;
  }

  /** The certificate served to the next handshake (after a due reload). */
  X509Certificate certificate() {
    reloadIfDue();
    return current.material().chain().get(0);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Generation generation = find(alias);
    return generation == null ? null : generation.material().chainArray();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Generation generation = find(alias);
    return generation == null ? null : generation.material().key();
  }

  /** A server key manager: it offers no client certificate. */
  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  /**
   * The JDK asks once per key type it could use (RSA, RSASSA-PSS, EC, EdDSA); answering only for
   * the key's own type lets it pick signature schemes the key can make. The issuers a client hints
   * at are not used to refuse: there is one certificate, and the client judges it.
   */
  private String aliasFor(String keyType) {
    reloadIfDue();
    Generation generation = current;
    return generation.material().key().getAlgorithm().equals(keyType) ? generation.alias() : null;
  }

  private Generation find(String alias) {
    Generation now = current;
    if (now.alias().equals(alias)) {
      return now;
    }
    Generation before = previous;
    return before != null && before.alias().equals(alias) ? before : null;
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
      byte[] certPem;
      byte[] keyPem;
      try {
        certPem = TlsFiles.read("cert_file", certFile);
        keyPem = TlsFiles.read("key_file", keyFile);
        if (current.material().sameFilesAs(certPem, keyPem)) {
          return;
        }
        Generation loaded = next(KeyMaterial.parse(certPem, keyPem));
        previous = current;
        current = loaded;
        LOG.info(
            "TLS certificate reloaded from {}: {} (serial {})",
            certFile,
            loaded.material().chain().get(0).getSubjectX500Principal(),
            loaded.material().chain().get(0).getSerialNumber().toString(16));
      } catch (TlsFileException e) {
        LOG.warn(
            "TLS certificate not reloaded, still serving the previous one: {}", e.getMessage());
      }
    }
  }

  private synchronized Generation next(KeyMaterial material) {
    return new Generation("tailgate-" + (++generations), material);
  }
}
