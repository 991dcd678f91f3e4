package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.auth.AuthConfig;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import java.util.Optional;

/** Finds the authenticator a protocol's {@code auth} names among the gateway's extensions. */
final class ReceiverAuth {
  private ReceiverAuth() {}

  /**
   * @throws IllegalStateException when the host has no such extension (the planner refuses such a
   *     config, so this means the receiver was created outside the gateway)
   */
  static Optional<ServerAuthenticator> resolve(
      ComponentSettings settings, String protocol, AuthConfig auth) {
    if (auth == null) {
      return Optional.empty();
    }
    return Optional.of(
        settings
            .host()
            .authenticator(auth.id())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        settings.id()
                            + " protocols."
                            + protocol
                            + ".auth: no enabled extension \""
                            + auth.authenticator()
                            + "\"")));
  }
}
