package dev.tailgate.pipeline.auth;

import java.time.Clock;

/** {@code headers_setter}: a client extension, named by exporters' {@code auth.authenticator}. */
public final class HeadersSetterExtensionFactory
    implements AuthExtensionFactory<HeadersSetterConfig> {

  @Override
  public String type() {
    return "headers_setter";
  }

  @Override
  public Class<HeadersSetterConfig> configType() {
    return HeadersSetterConfig.class;
  }

  @Override
  public Class<ClientAuthenticator> kind() {
    return ClientAuthenticator.class;
  }

  @Override
  public ClientAuthenticator create(HeadersSetterConfig config, Clock clock) {
    return new HeadersSetter(config);
  }
}
