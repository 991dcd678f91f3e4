package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code extensions.basicauth}, in the Collector's shape: {@code htpasswd: { file, inline }}. */
public record BasicAuthConfig(@JsonProperty("htpasswd") HtpasswdConfig htpasswd)
    implements Validatable {

  @Override
  public void validate(ConfigErrors errors) {
    if (htpasswd == null || (htpasswd.file() == null && htpasswd.inline() == null)) {
      errors.add("htpasswd", "set file, inline or both");
      return;
    }
    if (htpasswd.file() != null && htpasswd.file().isBlank()) {
      errors.add("htpasswd.file", "must not be empty");
    } else if (htpasswd.file() != null) {
      // Read and parsed as the authenticator does when it is created, so that a missing file or
      // an unsupported hash in it is reported with its line rather than stopping the server.
      try {
        Htpasswd.parse(
            Files.readString(Path.of(htpasswd.file()), StandardCharsets.UTF_8),
            errors.at("htpasswd.file"));
      } catch (IOException e) {
        errors.add(
            "htpasswd.file", "cannot read the htpasswd file " + htpasswd.file() + " (" + e + ")");
      }
    }
    if (htpasswd.inline() != null) {
      Htpasswd.parse(htpasswd.inline(), errors.at("htpasswd.inline"));
    }
  }

  /**
   * The users, from a file and/or inline; a user in both is taken from inline, as the Collector
   * does.
   */
  public record HtpasswdConfig(
      @JsonProperty("file") String file, @JsonProperty("inline") String inline) {}
}
