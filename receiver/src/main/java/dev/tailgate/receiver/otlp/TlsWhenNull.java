package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.tls.TlsServerConfig;

/**
 * {@code tls:} written without a value means TLS without files, which validation then reports
 * ({@code cert_file: is required}); read as absent it would silently serve plaintext to someone who
 * asked for TLS.
 */
final class TlsWhenNull extends DefaultsWhenNull<TlsServerConfig> {
  TlsWhenNull() {
    super(TlsServerConfig.class, () -> new TlsServerConfig(null, null, null, null, null));
  }
}
