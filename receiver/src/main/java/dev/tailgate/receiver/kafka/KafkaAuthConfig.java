package dev.tailgate.receiver.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.tls.ClientTlsConfig;

/**
 * {@code receivers.kafka.auth}: SASL credentials and/or TLS to the brokers, as the Collector's
 * kafka receiver takes them. TLS is on when {@code tls} is given and not {@code insecure: true}.
 */
public record KafkaAuthConfig(
    @JsonProperty("sasl") SaslConfig sasl, @JsonProperty("tls") ClientTlsConfig tls) {

  /** True when the connection to the brokers is encrypted. */
  boolean usesTls() {
    return tls != null && !tls.plaintext();
  }

  void validate(ConfigErrors errors) {
    if (sasl != null) {
      sasl.validate(errors.at("sasl"));
    }
    if (tls != null) {
      tls.validate(errors.at("tls"));
      // Kafka's client has no switch for "trust any certificate"; only ca_file replaces the trust.
      errors.check(
          !tls.insecureSkipVerify(),
          "tls.insecure_skip_verify",
          "is not supported by the kafka receiver; give ca_file instead");
    }
  }

  /** {@code auth.sasl}: PLAIN or SCRAM credentials. */
  public record SaslConfig(
      @JsonProperty("username") String username,
      @JsonProperty("password") String password,
      @JsonProperty("mechanism") String mechanism) {

    public SaslConfig {
      mechanism = mechanism == null ? "PLAIN" : mechanism;
    }

    void validate(ConfigErrors errors) {
      errors.check(username != null && !username.isEmpty(), "username", "is required");
      errors.check(password != null, "password", "is required");
      errors.check(
          mechanism.equals("PLAIN")
              || mechanism.equals("SCRAM-SHA-256")
              || mechanism.equals("SCRAM-SHA-512"),
          "mechanism",
          "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, got \"" + mechanism + "\"");
    }
  }
}
