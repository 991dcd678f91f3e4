package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.nio.file.Files;
import java.nio.file.Path;

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
    if (caFile == null) {
      return;
    }
    if (caFile.isBlank()) {
      errors.add("ca_file", "must not be empty");
    } else if (!Files.isRegularFile(Path.of(caFile))) {
      errors.add("ca_file", "file not found: " + caFile);
    } else if (!Files.isReadable(Path.of(caFile))) {
      errors.add("ca_file", "file not readable: " + caFile);
    }
  }
}
