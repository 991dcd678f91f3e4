package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the Debian package's binary) on a free loopback port, with the remote-write
 * receiver and native histograms on, storing into a temporary directory.
 */
public final class PrometheusServer implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/prometheus");
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();

  public PrometheusServer(Path directory) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          BINARY
              + " is missing: this test needs a real Prometheus. Install the Debian package:"
              + " apt-get install -y prometheus");
    }
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path config = Files.writeString(directory.resolve("prometheus.yml"), "global: {}\n");
    log = directory.resolve("prometheus.log");
    process =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + Files.createDirectories(directory.resolve("data")),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--web.enable-remote-write-receiver",
                    "--enable-feature=native-histograms"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitReady();
  }

  public String remoteWriteEndpoint() {
    return base() + "/api/v1/write";
  }

  /** The value of an instant query that must return exactly one sample. */
  public double queryOne(String promql) throws IOException, InterruptedException {
    JsonNode result = query(promql);
    if (result.size() != 1) {
      throw new AssertionError("expected one sample for " + promql + " but got " + result);
    }
    return Double.parseDouble(result.get(0).get("value").get(1).asText());
  }

  /** The result vector of an instant query, as Prometheus's HTTP API gives it. */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    URI uri =
        URI.create(
            base() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = json.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError(
          "query " + promql + " failed: HTTP " + response.statusCode() + " " + response.body());
    }
    return body.get("data").get("result");
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Polls /-/ready: the process gives no other sign that it is serving. */
  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(base() + "/-/ready"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // keep polling
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    close();
    throw new AssertionError(
        "prometheus was not ready within " + STARTUP.toSeconds() + "s:\n" + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
