package dev.tailgate.pipeline.tls;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code tls:} of a client, as in the Collector's configtls client settings: every exporter's and
 * the tail-sampling peers'. For a gRPC client (otlp, jaeger, peers) TLS is on unless {@code
 * insecure: true}; {@code ca_file} replaces the system trust store, {@code insecure_skip_verify}
 * accepts any certificate and host name, and {@code cert_file} with {@code key_file} present a
 * client certificate (mutual TLS). An HTTP client (elasticsearch, prometheusremotewrite) takes only
 * the two keys that verify the server ({@link #validateServerVerification}): its URL's scheme says
 * whether it speaks TLS.
 */
public record ClientTlsConfig(
    @JsonProperty("insecure") Boolean insecure,
    @JsonProperty("insecure_skip_verify") Boolean insecureSkipVerify,
    @JsonProperty("ca_file") String caFile,
    @JsonProperty("cert_file") String certFile,
    @JsonProperty("key_file") String keyFile)
    implements Validatable {

  public static final ClientTlsConfig DEFAULT = new ClientTlsConfig(null, null, null, null, null);

  public ClientTlsConfig {
    // insecure stays null when unset: its default depends on the endpoint's scheme, which only
    // the exporter config knows; it resolves it with withInsecureDefault.
    insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
  }

  /** This config with {@code insecure} set to {@code plaintextByDefault} if it was not given. */
  public ClientTlsConfig withInsecureDefault(boolean plaintextByDefault) {
    return insecure != null
        ? this
        : new ClientTlsConfig(plaintextByDefault, insecureSkipVerify, caFile, certFile, keyFile);
  }

  /** True when the channel is plaintext. */
  public boolean plaintext() {
    return insecure != null && insecure;
  }

  /**
   * Validates the block of an HTTP client: {@code ca_file} and {@code insecure_skip_verify} only.
   * The other keys are refused with the binder's words for an unknown key, as when these clients
   * had a block of their own that knew only those two.
   */
  public void validateServerVerification(ConfigErrors errors) {
    // Read as the HTTP client's trust store reads it when the exporter is created.
    PemCheck.certificates(errors, "ca_file", caFile);
    refuse(errors, "insecure", insecure);
    refuse(errors, "cert_file", certFile);
    refuse(errors, "key_file", keyFile);
  }

  private static void refuse(ConfigErrors errors, String key, Object value) {
    errors.check(
        value == null,
        key,
        "unknown key \"" + key + "\"; known keys: ca_file, insecure_skip_verify");
  }

  @Override
  public void validate(ConfigErrors errors) {
    // Read as the channel's credentials read them when the exporter is created.
    PemCheck.certificates(errors, "ca_file", caFile);
    PemCheck.certificates(errors, "cert_file", certFile);
    PemCheck.privateKey(errors, "key_file", keyFile);
    errors.check(certFile == null || keyFile != null, "key_file", "is required with cert_file");
    errors.check(keyFile == null || certFile != null, "cert_file", "is required with key_file");
  }
}
