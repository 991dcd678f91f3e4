package dev.tailgate.gateway.http;

import com.codahale.metrics.MetricRegistry;
import dev.tailgate.pipeline.tls.ServerTls;
import io.dropwizard.jetty.HttpConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The OTLP/HTTP connector over TLS. Dropwizard's {@code HttpsConnectorFactory} reads key stores
 * itself; this one serves the receiver's {@link ServerTls}, so that Jetty and the gRPC server share
 * one key manager (and its reloads) and one reading of the client CA.
 */
final class TlsConnectorFactory extends HttpConnectorFactory {
  private final ServerTls tls;

  TlsConnectorFactory(ServerTls tls) {
    this.tls = tls;
  }

  @Override
  public Connector build(
      Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.sslContext());
    ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    ssl.setNeedClientAuth(tls.clientAuthRequired());
    HttpConnectionFactory http = buildHttpConnectionFactory(buildHttpConfiguration());
    return buildConnector(
        server,
        new ScheduledExecutorScheduler(),
        buildBufferPool(),
        name,
        threadPool,
        new SslConnectionFactory(ssl, http.getProtocol()),
        http);
  }

  @Override
  protected HttpConfiguration buildHttpConfiguration() {
    HttpConfiguration config = super.buildHttpConfiguration();
    config.setSecureScheme("https");
    config.setSecurePort(getPort());
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Whether the certificate names the host a client dialled is for the client to verify; SDKs
    // often dial an IP or a Service name the certificate lists another way.
    secure.setSniHostCheck(false);
    config.addCustomizer(secure);
    return config;
  }
}
