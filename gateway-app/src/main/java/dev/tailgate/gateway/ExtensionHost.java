package dev.tailgate.gateway;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Host;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ServerTls;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import java.util.Optional;

/** The host components see: the gateway's HTTP server, plus the enabled extensions. */
final class ExtensionHost implements Host {
  private final Host http;
  private final Map<ComponentId, ServerAuthenticator> authenticators;

  ExtensionHost(Host http, Map<ComponentId, ServerAuthenticator> authenticators) {
    this.http = http;
    this.authenticators = Map.copyOf(authenticators);
  }

  @Override
  public void serveHttp(Endpoint endpoint, ServerTls tls, HttpServlet servlet, String... paths) {
    http.serveHttp(endpoint, tls, servlet, paths);
  }

  @Override
  public Optional<ServerAuthenticator> authenticator(ComponentId id) {
    return Optional.ofNullable(authenticators.get(id));
  }
}
