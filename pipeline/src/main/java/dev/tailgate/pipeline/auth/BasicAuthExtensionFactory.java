package dev.tailgate.pipeline.auth;

import java.time.Clock;

/** {@code basicauth}. */
public final class BasicAuthExtensionFactory implements AuthExtensionFactory<BasicAuthConfig> {

  @Override
  public String type() {
    return "basicauth";
  }

  @Override
  public Class<BasicAuthConfig> configType() {
    return BasicAuthConfig.class;
  }

  @Override
  public ServerAuthenticator create(BasicAuthConfig config, Clock clock) {
    return new BasicAuthenticator(config);
  }
}
