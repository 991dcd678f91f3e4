package dev.tailgate.pipeline;

import dev.tailgate.pipeline.config.Endpoint;
import jakarta.servlet.http.HttpServlet;

/** What the gateway offers its components beyond their own config. */
public interface Host {

  /**
   * Serves a servlet on the gateway's one HTTP server (Dropwizard's Jetty), listening on
   * {@code endpoint}, at the given exact paths. Must be called while the component is created:
   * the HTTP server's connectors are fixed before components start.
   */
  void serveHttp(Endpoint endpoint, HttpServlet servlet, String... paths);
}
