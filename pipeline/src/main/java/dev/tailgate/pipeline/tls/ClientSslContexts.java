package dev.tailgate.pipeline.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL context of an HTTP client (the elasticsearch, prometheusremotewrite and otlphttp
 * exporters) for its {@code tls:} block: the system's trust, one trusting only {@code ca_file}, or
 * one trusting anything ({@code insecure_skip_verify}); with {@code cert_file} and {@code key_file}
 * (only otlphttp's block allows them) it presents that client certificate. gRPC clients take the
 * same block as channel credentials ({@link GrpcClientCredentials}).
 */
public final class ClientSslContexts {
  private ClientSslContexts() {}

  public static SSLContext of(ClientTlsConfig tls) {
    try {
      KeyManager[] keys = tls.certFile() == null ? null : keyManagersFor(tls);
      if (tls.insecureSkipVerify()) {
        return withTrust(keys, new TrustManager[] {new TrustAllCertificates()});
      }
      if (tls.caFile() != null) {
        return withTrust(keys, trustManagersFor(Path.of(tls.caFile())));
      }
      // null trust managers: the system's, as SSLContext.getDefault() has them.
      return keys == null ? SSLContext.getDefault() : withTrust(keys, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("tls: cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static SSLContext withTrust(KeyManager[] keyManagers, TrustManager[] trustManagers)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trustManagers, null);
    return context;
  }

  /** The client certificate, read and checked against its key as a server's pair is. */
  private static KeyManager[] keyManagersFor(ClientTlsConfig tls) throws GeneralSecurityException {
    KeyMaterial material;
    try {
      material = KeyMaterial.read(Path.of(tls.certFile()), Path.of(tls.keyFile()));
    } catch (TlsFileException e) {
      throw new IllegalArgumentException("tls." + e.getMessage(), e);
    }
    char[] noPassword = new char[0];
    KeyStore store = emptyStore();
    store.setKeyEntry("client", material.key(), noPassword, material.chainArray());
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, noPassword);
    return factory.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an empty in-memory store: does not happen
    }
    return store;
  }

  private static TrustManager[] trustManagersFor(Path caFile) throws GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "tls.ca_file: cannot read " + caFile + ": " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("tls.ca_file: no certificate in " + caFile);
    }
    KeyStore store = emptyStore();
    int n = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + n++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
