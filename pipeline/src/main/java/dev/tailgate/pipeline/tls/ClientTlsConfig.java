package dev.tailgate.pipeline.tls;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    @JsonProperty("key_file") String keyFile,
    @JsonProperty("min_version") String minVersion,
    @JsonProperty("max_version") String maxVersion,
    @JsonProperty("server_name_override") String serverNameOverride,
    @JsonProperty("reload_interval") Duration reloadInterval,
    @JsonProperty("ca_pem") String caPem,
    @JsonProperty("cert_pem") String certPem,
    @JsonProperty("key_pem") String keyPem,
    @JsonProperty("include_system_ca_certs_pool") Boolean includeSystemCaCertsPool,
    @JsonProperty("cipher_suites") List<String> cipherSuites,
    @JsonProperty("curve_preferences") List<String> curvePreferences)
    implements Validatable {

  public static final ClientTlsConfig DEFAULT = new ClientTlsConfig(null, null, null, null, null);

  /** The TLS versions the Collector's configtls names, oldest first. */
  private static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3");

  /** A block with the five keys that verify the server and present a client certificate. */
  public ClientTlsConfig(
      Boolean insecure,
      Boolean insecureSkipVerify,
      String caFile,
      String certFile,
      String keyFile) {
    this(
        insecure,
        insecureSkipVerify,
        caFile,
        certFile,
        keyFile,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public ClientTlsConfig {
    // insecure stays null when unset: its default depends on the endpoint's scheme, which only
    // the exporter config knows; it resolves it with withInsecureDefault.
    insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
  }

  /** This config with {@code insecure} set to {@code plaintextByDefault} if it was not given. */
  public ClientTlsConfig withInsecureDefault(boolean plaintextByDefault) {
    return insecure != null
        ? this
        : new ClientTlsConfig(
            plaintextByDefault,
            insecureSkipVerify,
            caFile,
            certFile,
            keyFile,
            minVersion,
            maxVersion,
            serverNameOverride,
            reloadInterval,
            caPem,
            certPem,
            keyPem,
            includeSystemCaCertsPool,
            cipherSuites,
            curvePreferences);
  }

  /**
   * The JSSE protocols {@code min_version} and {@code max_version} allow, or empty when they do not
   * narrow what a gRPC channel offers anyway (TLS 1.2 and 1.3: HTTP/2 needs 1.2 at least, so an
   * older {@code min_version} changes nothing). Only valid after {@link #validate}.
   */
  public List<String> grpcProtocols() {
    int min = Math.max(VERSIONS.indexOf(minVersion == null ? "1.2" : minVersion), 2);
    int max = maxVersion == null || maxVersion.isEmpty() ? 3 : VERSIONS.indexOf(maxVersion);
    if (min == 2 && max == 3) {
      return List.of();
    }
    List<String> protocols = new ArrayList<>();
    for (int v = max; v >= min; v--) {
      protocols.add("TLSv" + VERSIONS.get(v));
    }
    return protocols;
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
    refuse(errors, "min_version", minVersion);
    refuse(errors, "max_version", maxVersion);
    refuse(errors, "server_name_override", serverNameOverride);
    refuse(errors, "reload_interval", reloadInterval);
    refuse(errors, "ca_pem", caPem);
    refuse(errors, "cert_pem", certPem);
    refuse(errors, "key_pem", keyPem);
    refuse(errors, "include_system_ca_certs_pool", includeSystemCaCertsPool);
    refuse(errors, "cipher_suites", cipherSuites);
    refuse(errors, "curve_preferences", curvePreferences);
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
    validateVersions(errors);
    warnInert(errors);
  }

  /**
   * As {@link #validate}, for an HTTP client (otlphttp): its JDK client takes an SSL context only,
   * so the keys a gRPC channel applies besides it are inert there too.
   */
  public void validateForHttpClient(ConfigErrors errors) {
    validate(errors);
    if (!grpcProtocols().isEmpty()) {
      errors.warn(
          "min_version", "has no effect here: the JDK's HTTP client offers TLS 1.2 and 1.3");
    }
    if (serverNameOverride != null) {
      errors.warn(
          "server_name_override", "has no effect here: the URL's host name is the server's name");
    }
  }

  private void validateVersions(ConfigErrors errors) {
    if (minVersion != null && !minVersion.isEmpty() && !VERSIONS.contains(minVersion)) {
      errors.add("min_version", "unsupported TLS version \"" + minVersion + "\"; use " + VERSIONS);
      return;
    }
    if (maxVersion != null && !maxVersion.isEmpty() && !VERSIONS.contains(maxVersion)) {
      errors.add("max_version", "unsupported TLS version \"" + maxVersion + "\"; use " + VERSIONS);
      return;
    }
    int min = VERSIONS.indexOf(minVersion == null || minVersion.isEmpty() ? "1.2" : minVersion);
    int max = maxVersion == null || maxVersion.isEmpty() ? 3 : VERSIONS.indexOf(maxVersion);
    errors.check(min <= max, "max_version", "must not be older than min_version");
    errors.check(
        max >= 2,
        "max_version",
        "must be 1.2 or 1.3 here: gRPC and the JDK's clients do not speak older TLS");
  }

  private void warnInert(ConfigErrors errors) {
    if (reloadInterval != null) {
      errors.warn(
          "reload_interval",
          "has no effect here: a client's certificate files are read once, when the exporter is"
              + " created (a config reload re-creates it)");
    }
    String pem = "has no effect here: give the PEM as a file (ca_file, cert_file, key_file)";
    if (caPem != null) {
      errors.warn("ca_pem", pem);
    }
    if (certPem != null) {
      errors.warn("cert_pem", pem);
    }
    if (keyPem != null) {
      errors.warn("key_pem", pem);
    }
    if (includeSystemCaCertsPool != null && includeSystemCaCertsPool) {
      errors.warn(
          "include_system_ca_certs_pool",
          "has no effect here: with ca_file only its certificates are trusted, without it the"
              + " system's");
    }
    if (cipherSuites != null) {
      errors.warn("cipher_suites", "has no effect here: the JDK's default cipher suites are used");
    }
    if (curvePreferences != null) {
      errors.warn("curve_preferences", "has no effect here: the JDK's default curves are used");
    }
  }
}
