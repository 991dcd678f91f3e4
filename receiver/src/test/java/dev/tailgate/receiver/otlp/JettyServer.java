package dev.tailgate.receiver.otlp;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty serving what a receiver asked the host for, at its endpoint and exact paths.
 */
final class JettyServer implements AutoCloseable {
  private final Server server = new Server();

  JettyServer(RecordingHost.Served served) throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(served.endpoint().host());
    connector.setPort(served.endpoint().port());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(served.servlet());
    served.paths().forEach(path -> context.addServlet(holder, path));
    server.setHandler(context);
    server.start();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
