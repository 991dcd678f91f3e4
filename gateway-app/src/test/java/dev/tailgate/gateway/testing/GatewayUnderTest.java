package dev.tailgate.gateway.testing;

import dev.tailgate.gateway.TailgateApplication;
import dev.tailgate.gateway.TailgateConfiguration;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real gateway, started in this JVM from a config.yml text in which {@code GRPC_PORT}, {@code
 * HTTP_PORT}, {@code ADMIN_PORT} and {@code BACKEND_PORT} are replaced by free ports.
 */
public final class GatewayUnderTest implements AutoCloseable {
  public final int grpcPort = FreePorts.next();
  public final int httpPort = FreePorts.next();
  public final int adminPort = FreePorts.next();
  public final int backendPort;
  private final DropwizardTestSupport<TailgateConfiguration> support;
  private final Path configFile;
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean stopped;

  public GatewayUnderTest(String configTemplate, int backendPort) {
    this.backendPort = backendPort;
    String config =
        configTemplate
            .replace("GRPC_PORT", Integer.toString(grpcPort))
            .replace("HTTP_PORT", Integer.toString(httpPort))
            .replace("ADMIN_PORT", Integer.toString(adminPort))
            .replace("BACKEND_PORT", Integer.toString(backendPort));
    try {
      configFile = Files.createTempFile("tailgate-test", ".yml");
      Files.writeString(configFile, config);
      configFile.toFile().deleteOnExit();
      support = new DropwizardTestSupport<>(TailgateApplication.class, configFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public GatewayUnderTest start() throws Exception {
    support.before();
    return this;
  }

  /** The config file the gateway was started with (ports filled in), for tests that change it. */
  public Path configFile() {
    return configFile;
  }

  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpcPort;
  }

  public String httpEndpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** GET on the admin port, e.g. "/metrics". */
  public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Orderly stop, as on SIGTERM: receivers first, then everything drains. */
  public synchronized void stop() {
    if (!stopped) {
      stopped = true;
      support.after();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
