package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.config.ConfigErrors;

/**
 * {@code protocols.<grpc|http>.auth}, as the Collector's configauth: the id of the server
 * authenticator extension every request on that protocol must pass. The gateway's planner checks
 * that the extension is configured and enabled.
 */
public record AuthConfig(@JsonProperty("authenticator") String authenticator) {

  void validate(ConfigErrors errors) {
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

  ComponentId id() {
    return ComponentId.parse(authenticator);
  }
}
