package dev.tailgate.exporter.prometheusremotewrite;

import dev.tailgate.exporter.tls.ClientSslContexts;
import javax.net.ssl.SSLContext;

/** The TLS context of the HTTP client, from {@code tls:}. */
final class RemoteWriteTls {
  private RemoteWriteTls() {}

  static SSLContext context(RemoteWriteTlsConfig config) {
    return ClientSslContexts.of(config.insecureSkipVerify(), config.caFile());
  }
}
