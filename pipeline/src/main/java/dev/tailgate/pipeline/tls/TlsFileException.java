package dev.tailgate.pipeline.tls;

/**
 * A TLS file that cannot be used, with the config key that names it ({@code cert_file}, {@code
 * key_file}, {@code client_ca_file}), so that the message can point at the key to fix.
 */
public final class TlsFileException extends RuntimeException {
  private final String key;

  public TlsFileException(String key, String message, Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  public TlsFileException(String key, String message) {
    this(key, message, null);
  }

  /** The config key of the offending file, relative to the {@code tls} block. */
  public String key() {
    return key;
  }

  /** The problem without the key. */
  public String problem() {
    return getMessage().substring(key.length() + 2);
  }
}
