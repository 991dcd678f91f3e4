package dev.tailgate.pipeline;

import dev.tailgate.pipeline.auth.ClientAuthenticator;
import dev.tailgate.pipeline.auth.ServerAuthenticator;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ServerTls;
import jakarta.servlet.http.HttpServlet;
import java.util.Optional;

/** What the gateway offers its components beyond their own config. */
@FunctionalInterface
public interface Host {

  /**
   * Serves a servlet on the gateway's one HTTP server (Dropwizard's Jetty), listening on {@code
   * endpoint}, at the given exact paths. Must be called while the component is created: the HTTP
   * server's connectors are fixed before components start.
   */
  default void serveHttp(Endpoint endpoint, HttpServlet servlet, String... paths) {
    serveHttp(endpoint, null, servlet, paths);
  }

  /**
   * As above; with {@code tls} (null for plaintext) the listener on {@code endpoint} speaks only
   * TLS with its certificate, protocols and, when it has client trust, required client
   * certificates.
   */
  void serveHttp(Endpoint endpoint, ServerTls tls, HttpServlet servlet, String... paths);

  /**
   * The server authenticator extension {@code id} (from {@code extensions:}, enabled in {@code
   * service.extensions}); empty when there is none, which the planner has refused already.
   */
  default Optional<ServerAuthenticator> authenticator(ComponentId id) {
    return Optional.empty();
  }

  /**
   * The client extension {@code id} (e.g. {@code headers_setter}) an exporter's {@code
   * auth.authenticator} names; empty when there is none, which the planner has refused already.
   */
  default Optional<ClientAuthenticator> clientAuthenticator(ComponentId id) {
    return Optional.empty();
  }
}
