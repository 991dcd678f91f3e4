package dev.tailgate.gateway;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Host;
import dev.tailgate.pipeline.auth.AuthExtension;
import dev.tailgate.pipeline.auth.ClientAuthenticator;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ServerTls;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import java.util.Optional;

/** The host components see: the gateway's HTTP server, plus the enabled extensions. */
final class ExtensionHost implements Host {
  private final Host http;
  private final Map<ComponentId, AuthExtension> extensions;

  ExtensionHost(Host http, Map<ComponentId, AuthExtension> extensions) {
    this.http = http;
    this.extensions = Map.copyOf(extensions);
  }

  @Override
  public void serveHttp(Endpoint endpoint, ServerTls tls, HttpServlet servlet, String... paths) {
    http.serveHttp(endpoint, tls, servlet, paths);
  }

  @Override
  public Optional<ServerAuthenticator> authenticator(ComponentId id) {
    return extensions.get(id) instanceof ServerAuthenticator server
        ? Optional.of(server)
        : Optional.empty();
  }

  @Override
  public Optional<ClientAuthenticator> clientAuthenticator(ComponentId id) {
    return extensions.get(id) instanceof ClientAuthenticator client
        ? Optional.of(client)
        : Optional.empty();
  }
}
