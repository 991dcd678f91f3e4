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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL context of an HTTP client (the elasticsearch and prometheusremotewrite exporters) for its
 * {@code tls:} block: the system's trust, one trusting only {@code ca_file}, or one trusting
 * anything ({@code insecure_skip_verify}). gRPC clients take the same block as channel credentials
 * ({@link GrpcClientCredentials}).
 */
public final class ClientSslContexts {
  private ClientSslContexts() {}

  public static SSLContext of(ClientTlsConfig tls) {
    try {
      if (tls.insecureSkipVerify()) {
        return withTrust(new TrustManager[] {new TrustAllCertificates()});
      }
      if (tls.caFile() != null) {
        return withTrust(trustManagersFor(Path.of(tls.caFile())));
      }
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("tls: cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static SSLContext withTrust(TrustManager[] trustManagers)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers, null);
    return context;
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
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an empty in-memory store: does not happen
    }
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
