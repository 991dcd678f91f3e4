package dev.tailgate.pipeline.auth;

import java.time.Clock;

/** {@code bearertokenauth}. */
public final class BearerTokenAuthExtensionFactory
    implements AuthExtensionFactory<BearerTokenAuthConfig> {

  @Override
  public String type() {
    return "bearertokenauth";
  }

  @Override
  public Class<BearerTokenAuthConfig> configType() {
    return BearerTokenAuthConfig.class;
  }

  @Override
  public ServerAuthenticator create(BearerTokenAuthConfig config, Clock clock) {
    return new BearerTokenAuthenticator(config, clock);
  }
}
