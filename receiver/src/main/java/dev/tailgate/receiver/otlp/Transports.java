package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Endpoint;

/**
 * {@code transport}: {@code tcp} with a {@code host:port} endpoint, or {@code unix} with a path.
 */
final class Transports {
  private Transports() {}

  static void validate(String transport, Endpoint endpoint, boolean tls, ConfigErrors errors) {
    switch (transport) {
      case "tcp" ->
          errors.check(
              !endpoint.isUnixSocket(),
              "endpoint",
              "\"" + endpoint + "\" is a socket path: set transport: unix, or give host:port");
      case "unix" -> {
        errors.check(
            endpoint.isUnixSocket(),
            "endpoint",
            "\""
                + endpoint
                + "\" is not a socket path: with transport: unix give a path such as"
                + " /var/run/otlp.sock");
        errors.check(
            !tls, "tls", "is not served on a unix socket: the socket file's permissions guard it");
      }
      default -> errors.add("transport", "must be tcp or unix, not \"" + transport + "\"");
    }
  }
}
