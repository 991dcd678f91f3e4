package dev.tailgate.pipeline.auth;

/** The outcome of {@link ServerAuthenticator#authenticate}. */
public sealed interface Authentication {

  /** Refused: what a client is told, whatever the reason. */
  Refused REFUSED = new Refused();

  /**
   * @param identity who the client is among the configured ones (a user or a token's name), so a
   *     metric tagged with it has no more values than the config has credentials
   */
  record Authenticated(String identity) implements Authentication {}

  /** No credential, or a wrong one. */
  record Refused() implements Authentication {}
}
