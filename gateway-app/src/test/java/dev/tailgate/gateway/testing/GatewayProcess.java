package dev.tailgate.gateway.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as it is deployed: {@code java -jar tailgate.jar server config.yml} in a process of
 * its own, so a test can kill it as the kernel or a container runtime would.
 */
public final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final int adminPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private GatewayProcess(Process process, Path output, int adminPort) {
    this.process = process;
    this.output = output;
    this.adminPort = adminPort;
  }

  /** Starts the shaded jar on {@code config}; stdout and stderr go to {@code output}. */
  public static GatewayProcess start(Path jar, Path config, Path output, int adminPort)
      throws IOException {
    return start(
        command(jar, config).redirectErrorStream(true).redirectOutput(output.toFile()),
        output,
        adminPort);
  }

  /**
   * As {@link #start(Path, Path, Path, int)}, with stderr apart in {@code errors}, for a test that
   * checks each stream (two streams into one file could also interleave within a line).
   */
  public static GatewayProcess start(Path jar, Path config, Path output, Path errors, int adminPort)
      throws IOException {
    return start(
        command(jar, config).redirectOutput(output.toFile()).redirectError(errors.toFile()),
        output,
        adminPort);
  }

  private static ProcessBuilder command(Path jar, Path config) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath() + " is missing: integration tests run after `mvn package`");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
        java.toString(), "-Xmx256m", "-jar", jar.toString(), "server", config.toString());
  }

  private static GatewayProcess start(ProcessBuilder command, Path output, int adminPort)
      throws IOException {
    return new GatewayProcess(command.start(), output, adminPort);
  }

  /**
   * Waits until the admin port serves /metrics, which Dropwizard opens after the pipelines started.
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return Await.until(() -> process.isAlive() && metrics().contains("tailgate_"), timeout);
  }

  /** The admin /metrics page, or "" when it cannot be read (yet). */
  public String metrics() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The sum of a Prometheus metric's series on /metrics, e.g.
   * tailgate_receiver_accepted_spans_total.
   */
  public double metricSum(String name) {
    double sum = 0;
    for (String line : metrics().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux); returns the exit code. */
  public int kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the gateway did not die within 30 s of SIGKILL");
    }
    return process.exitValue();
  }

  /** What the process printed so far, for assertions and failure messages. */
  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  /** An orderly stop (SIGTERM) if it is still running, then SIGKILL if that takes too long. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
