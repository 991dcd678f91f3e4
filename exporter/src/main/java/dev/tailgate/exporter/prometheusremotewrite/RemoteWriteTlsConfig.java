package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.tls.PemCheck;

/**
 * {@code tls:} for an https endpoint: {@code ca_file} (PEM) replaces the system trust store;
 * {@code insecure_skip_verify} accepts any certificate and host name.
 */
public record RemoteWriteTlsConfig(
    @JsonProperty("insecure_skip_verify") Boolean insecureSkipVerify, @JsonProperty("ca_file") String caFile)
    implements Validatable {

  public static final RemoteWriteTlsConfig DEFAULT = new RemoteWriteTlsConfig(null, null);

  public RemoteWriteTlsConfig {
    insecureSkipVerify = insecureSkipVerify != null && insecureSkipVerify;
  }

  @Override
  public void validate(ConfigErrors errors) {
    // Read as the HTTP client's trust store reads it when the exporter is created.
    PemCheck.certificates(errors, "ca_file", caFile);
  }
}
