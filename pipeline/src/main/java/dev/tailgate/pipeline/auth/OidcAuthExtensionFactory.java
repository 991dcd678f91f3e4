package dev.tailgate.pipeline.auth;

import java.time.Clock;

/** {@code oidcauth}. */
public final class OidcAuthExtensionFactory implements AuthExtensionFactory<OidcAuthConfig> {

  @Override
  public String type() {
    return "oidcauth";
  }

  @Override
  public Class<OidcAuthConfig> configType() {
    return OidcAuthConfig.class;
  }

  @Override
  public ServerAuthenticator create(OidcAuthConfig config, Clock clock) {
    return new OidcAuthenticator(config, clock);
  }
}
