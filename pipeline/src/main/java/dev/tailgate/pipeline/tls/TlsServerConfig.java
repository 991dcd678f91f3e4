package dev.tailgate.pipeline.tls;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.time.Duration;
import java.util.List;

/**
 * A server's {@code tls:} block, with the keys of the Collector's configtls server settings. The
 * files are read and checked when the config is validated, so {@code check} reports a missing file
 * or a key that does not belong to its certificate before anything listens.
 */
public record TlsServerConfig(
    @JsonProperty("cert_file") String certFile,
    @JsonProperty("key_file") String keyFile,
    @JsonProperty("client_ca_file") String clientCaFile,
    @JsonProperty("min_version") String minVersion,
    @JsonProperty("reload_interval") Duration reloadInterval) {

  public static final String DEFAULT_MIN_VERSION = "1.2";

  public TlsServerConfig {
    minVersion = minVersion == null ? DEFAULT_MIN_VERSION : minVersion;
    reloadInterval = reloadInterval == null ? Duration.ZERO : reloadInterval;
  }

  /** The JSSE protocol names from {@code min_version} up; only TLS 1.2 and 1.3 are offered. */
  public List<String> protocols() {
    return switch (minVersion) {
      case "1.2" -> List.of("TLSv1.3", "TLSv1.2");
      case "1.3" -> List.of("TLSv1.3");
      default ->
          throw new IllegalStateException("min_version " + minVersion + " was not validated");
    };
  }

  public void validate(ConfigErrors errors) {
    boolean versionOk = minVersion.equals("1.2") || minVersion.equals("1.3");
    errors.check(
        versionOk,
        "min_version",
        "\""
            + minVersion
            + "\" is not supported; use \"1.2\" or \"1.3\" (older TLS versions are insecure)");
    errors.check(!reloadInterval.isNegative(), "reload_interval", "must be >= 0");
    errors.check(present(certFile), "cert_file", "is required");
    errors.check(present(keyFile), "key_file", "is required");
    if (clientCaFile != null && clientCaFile.isBlank()) {
      errors.add("client_ca_file", "must name a file, or be left out to ask no client certificate");
    }
    if (!present(certFile) || !present(keyFile) || !versionOk || reloadInterval.isNegative()) {
      return;
    }
    try {
      ServerTls.load(this);
    } catch (TlsFileException e) {
      errors.add(e.key(), e.problem());
    }
  }

  private static boolean present(String file) {
    return file != null && !file.isBlank();
  }
}
