package dev.tailgate.pipeline.auth;

import java.time.Clock;

/**
 * Makes server authenticator extensions of one type ({@code bearertokenauth}, {@code basicauth}),
 * named in config.yml's {@code extensions:} as the Collector names them.
 */
public interface AuthExtensionFactory<C> {
  String type();

  Class<C> configType();

  /** @throws RuntimeException when the config's files cannot be read or used */
  ServerAuthenticator create(C config, Clock clock);
}
