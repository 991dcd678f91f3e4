package dev.tailgate.exporter.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/** {@code auth.sasl:} of the kafka exporter: username and password over PLAIN or SCRAM. */
public record SaslConfig(
    @JsonProperty("username") String username,
    @JsonProperty("password") String password,
    @JsonProperty("mechanism") String mechanism)
    implements Validatable {

  static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  /** The JAAS line the Java client logs in with. */
  String jaasConfig() {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module
        + " required username=\""
        + quoted(username)
        + "\" password=\""
        + quoted(password)
        + "\";";
  }

  private static String quoted(String value) {
    // JAAS strings are double-quoted; a quote or backslash in a password must not end the value.
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(username != null && !username.isEmpty(), "username", "is required");
    errors.check(password != null && !password.isEmpty(), "password", "is required");
    if (mechanism == null) {
      errors.add("mechanism", "is required (one of " + String.join(", ", MECHANISMS) + ")");
    } else if (!MECHANISMS.contains(mechanism)) {
      errors.add(
          "mechanism",
          "must be one of " + String.join(", ", MECHANISMS) + ", not \"" + mechanism + "\"");
    }
  }
}
