package dev.tailgate.exporter.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.tls.ClientTlsConfig;

/**
 * {@code auth:} of the kafka exporter, in the Collector's shape: {@code sasl} (PLAIN, SCRAM) and
 * {@code tls}. With a {@code tls} block the connection is TLS, verified against {@code ca_file} (or
 * the system's trust) unless {@code insecure_skip_verify}; without one it is plaintext, as Kafka
 * listeners are by default. Client certificates are not supported yet.
 */
public record KafkaAuthConfig(
    @JsonProperty("sasl") SaslConfig sasl, @JsonProperty("tls") ClientTlsConfig tls)
    implements Validatable {

  public static final KafkaAuthConfig NONE = new KafkaAuthConfig(null, null);

  boolean usesTls() {
    return tls != null;
  }

  /** Kafka's security.protocol for this block. */
  String securityProtocol() {
    if (sasl != null) {
      return usesTls() ? "SASL_SSL" : "SASL_PLAINTEXT";
    }
    return usesTls() ? "SSL" : "PLAINTEXT";
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (sasl != null) {
      sasl.validate(errors.at("sasl"));
    }
    if (tls != null) {
      tls.validateServerVerification(errors.at("tls"));
    }
  }
}
