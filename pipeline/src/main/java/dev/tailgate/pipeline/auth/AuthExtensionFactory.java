package dev.tailgate.pipeline.auth;

import java.time.Clock;

/**
 * Makes authentication extensions of one type ({@code bearertokenauth}, {@code basicauth}, {@code
 * headers_setter}), named in config.yml's {@code extensions:} as the Collector names them.
 */
public interface AuthExtensionFactory<C> {
  String type();

  Class<C> configType();

  /**
   * What {@link #create} makes: a server authenticator (named by receivers) unless it says
   * otherwise, so the planner can refuse an extension named where it cannot serve.
   */
  default Class<? extends AuthExtension> kind() {
    return ServerAuthenticator.class;
  }

  /**
   * @throws RuntimeException when the config's files cannot be read or used
   */
  AuthExtension create(C config, Clock clock);
}
