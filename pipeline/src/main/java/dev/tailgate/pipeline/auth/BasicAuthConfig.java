package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/** {@code extensions.basicauth}, in the Collector's shape: {@code htpasswd: { file, inline }}. */
public record BasicAuthConfig(@JsonProperty("htpasswd") HtpasswdConfig htpasswd)
    implements Validatable {

  @Override
  public void validate(ConfigErrors errors) {
    if (htpasswd == null || (htpasswd.file() == null && htpasswd.inline() == null)) {
      errors.add("htpasswd", "set file, inline or both");
      return;
    }
    errors.check(
        htpasswd.file() == null || !htpasswd.file().isBlank(), "htpasswd.file", "must not be empty");
    if (htpasswd.inline() != null) {
      Htpasswd.parse(htpasswd.inline(), errors.at("htpasswd.inline"));
    }
  }

  /** The users, from a file and/or inline; a user in both is taken from inline, as the Collector does. */
  public record HtpasswdConfig(
      @JsonProperty("file") String file, @JsonProperty("inline") String inline) {}
}
