package dev.tailgate.receiver.otlp;

import dev.tailgate.pipeline.tls.ServerTls;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An embedded Jetty serving what a receiver asked the host for, at its endpoint and exact paths.
 */
final class JettyServer implements AutoCloseable {
  private final Server server = new Server();

  JettyServer(RecordingHost.Served served) throws Exception {
    ServerConnector connector =
        served.tls() == null ? new ServerConnector(server) : tlsConnector(served.tls());
    connector.setHost(served.endpoint().host());
    connector.setPort(served.endpoint().port());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(served.servlet());
    served.paths().forEach(path -> context.addServlet(holder, path));
    server.setHandler(context);
    server.start();
  }

  /** TLS as the gateway's Jetty host sets it up, from the receiver's SSLContext. */
  private ServerConnector tlsConnector(ServerTls tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.sslContext());
    ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    ssl.setNeedClientAuth(tls.clientAuthRequired());
    HttpConfiguration http = new HttpConfiguration();
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    return new ServerConnector(
        server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
