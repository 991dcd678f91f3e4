package dev.tailgate.gateway.http;

import dev.tailgate.pipeline.Host;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.tls.ServerTls;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves receivers' servlets on Dropwizard's Jetty. The application connector is derived from the
 * receivers' HTTP endpoint (there is no separate {@code server.applicationConnectors} to keep in
 * sync), and with no HTTP receiver the gateway opens no application port at all.
 */
public final class JettyHttpHost implements Host {
  private final Environment environment;
  private Endpoint endpoint;

  /** The HTTP endpoint's TLS, null for plaintext. */
  private ServerTls tls;

  private int servlets;

  /** The servlet registered for each receiver's paths, by the paths. */
  private final Map<String, SwappableServlet> byMapping = new HashMap<>();

  public JettyHttpHost(Environment environment) {
    this.environment = environment;
  }

  @Override
  public synchronized void serveHttp(
      Endpoint at, ServerTls tls, HttpServlet servlet, String... paths) {
    String mapping = String.join(" ", paths);
    SwappableServlet served = byMapping.get(mapping);
    // Before the server runs, a second receiver on the same paths is a conflict for Jetty to
    // report.
    if (served != null && environment.getApplicationContext().isStarted()) {
      // A receiver rebuilt by a config reload: same paths on the connector that runs (the reload
      // leaves a change of the endpoint or its tls for a restart).
      if (!endpoint.equals(at)) {
        throw new ConfigException(
            List.of("receivers: the HTTP endpoint " + endpoint + " changes only on restart"));
      }
      try {
        served.swap(servlet);
      } catch (ServletException e) {
        throw new IllegalStateException(
            "the rebuilt receiver's servlet did not start: " + e.getMessage(), e);
      }
      return;
    }
    if (endpoint != null && !endpoint.equals(at)) {
      throw new ConfigException(
          List.of(
              "receivers: only one HTTP endpoint can be served; "
                  + endpoint
                  + " and "
                  + at
                  + " were configured"));
    }
    if (endpoint != null && this.tls != tls) {
      // One connector serves every receiver's servlet, so they must agree on how it listens.
      throw new ConfigException(
          List.of(
              "receivers: the one HTTP endpoint "
                  + endpoint
                  + " is configured with tls by more than one receiver, or with and without it"));
    }
    this.tls = tls;
    endpoint = at;
    SwappableServlet swappable = new SwappableServlet(servlet);
    byMapping.put(mapping, swappable);
    environment.servlets().addServlet("http-receiver-" + (++servlets), swappable).addMapping(paths);
  }

  public synchronized Optional<Endpoint> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /**
   * Points the application connector at the HTTP endpoint, and turns off what does not belong on
   * the OTLP path: Jersey (plain servlets are leaner), the gzip filter (the receiver decodes
   * request bodies itself, bounding the decompressed size), Jetty's HTML error pages and the
   * request log's plain-text status lines.
   */
  public synchronized void configure(ServerFactory serverFactory) {
    if (!(serverFactory instanceof DefaultServerFactory server)) {
      throw new ConfigException(List.of("server.type: only the default server type is supported"));
    }
    List<ConnectorFactory> connectors = List.of();
    if (endpoint != null && endpoint.isUnixSocket()) {
      connectors = List.of(new UnixSocketConnectorFactory(endpoint.host()));
    } else if (endpoint != null) {
      HttpConnectorFactory http =
          tls == null ? new HttpConnectorFactory() : new TlsConnectorFactory(tls);
      http.setBindHost(endpoint.host());
      http.setPort(endpoint.port());
      connectors = List.of(http);
    }
    server.setApplicationConnectors(connectors);
    server.getGzipFilterFactory().setEnabled(false);
    environment.jersey().disable();
    environment.servlets().addServlet("not-found", new NotFoundServlet()).addMapping("/");
    environment.lifecycle().addEventListener(PlainTextErrorHandler.installer());
    // The request log's logback status goes to the log, in its layout, not to stdout as plain text.
    environment.lifecycle().addEventListener(RequestLogStatus.installer());
  }
}
