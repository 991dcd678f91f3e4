package dev.tailgate.exporter.elasticsearch;

import dev.tailgate.exporter.tls.ClientSslContexts;
import javax.net.ssl.SSLContext;

/** The SSL context for {@code tls:}: the system's, one trusting {@code ca_file}, or one trusting anything. */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext of(ElasticsearchTlsConfig tls) {
    return ClientSslContexts.of(tls.insecureSkipVerify(), tls.caFile());
  }
}
