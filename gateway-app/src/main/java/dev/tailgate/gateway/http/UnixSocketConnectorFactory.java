package dev.tailgate.gateway.http;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The OTLP/HTTP connector on a unix socket ({@code transport: unix}): Jetty's unix-domain connector
 * with the HTTP/1.1 settings Dropwizard's own connector would have.
 */
final class UnixSocketConnectorFactory extends HttpConnectorFactory {
  private final Path path;

  UnixSocketConnectorFactory(String path) {
    this.path = Path.of(path);
  }

  @Override
  public Connector build(
      Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
    removeStaleSocket();
    UnixDomainServerConnector connector =
        new UnixDomainServerConnector(server, buildHttpConnectionFactory(buildHttpConfiguration()));
    connector.setUnixDomainPath(path);
    connector.setName(name);
    return connector;
  }

  /** A socket file a crashed run left would make the bind fail; anything else is not ours. */
  private void removeStaleSocket() {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
        || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
        || Files.isSymbolicLink(path)) {
      throw new IllegalStateException(path + " exists and is not a socket");
    }
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the old socket " + path, e);
    }
  }
}
