package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.List;

/**
 * An {@code auth} block, as the Collector's configauth: on a receiver's protocol the id of the
 * server authenticator extension every request must pass; on an exporter the id of the client
 * extension that adds to its requests (e.g. {@code headers_setter}). The gateway's planner checks
 * that the extension is configured, enabled and of the right kind.
 */
public record AuthConfig(
    @JsonProperty("authenticator") String authenticator,
    @JsonProperty("request_params") List<String> requestParams) {

  public AuthConfig(String authenticator) {
    this(authenticator, null);
  }

  public void validate(ConfigErrors errors) {
    if (requestParams != null && !requestParams.isEmpty()) {
      errors.warn(
          "request_params",
          "has no effect here: authenticators read the Authorization header only, never query"
              + " parameters");
    }
    if (authenticator == null || authenticator.isBlank()) {
      errors.add("authenticator", "required: the id of an extension, e.g. bearertokenauth");
      return;
    }
    try {
      ComponentId.parse(authenticator);
    } catch (IllegalArgumentException e) {
      errors.add("authenticator", e.getMessage());
    }
  }

  public ComponentId id() {
    return ComponentId.parse(authenticator);
  }
}
