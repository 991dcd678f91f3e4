package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With JSON layouts for the application log and the request log, the real jar's whole output, from
 * the first line of a start to the last of an orderly stop, is lines a log shipper parses as JSON
 * objects (once plain-text lines of logback-access's status opened every start).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JsonLoggingIT {
  private static final Path JAR =
      Path.of(System.getProperty("basedir", ".")).resolve("target/tailgate.jar");

  /** Strict as a shipper is: `{"a":1} and some text` is not a JSON line. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @TempDir static Path work;
  private static List<String> stdout;
  private static List<String> stderr;

  @BeforeAll
  static void startSendOneRequestAndStop() throws Exception {
    Output output = run("clean", "{ type: console, layout: { type: access-json } }");
    stdout = output.stdout();
    stderr = output.stderr();
  }

  @Test
  void everyLineOnStdoutIsJsonWhenJsonLoggingIsConfigured() {
    assertThat(stdout).as("stdout").isNotEmpty();
    assertThat(stdout.stream().filter(line -> jsonObject(line).isEmpty()))
        .as("lines on stdout that are not a JSON object")
        .isEmpty();
  }

  @Test
  void nothingButJsonOnStderrWhenJsonLoggingIsConfigured() {
    assertThat(stderr.stream().filter(line -> jsonObject(line).isEmpty()))
        .as("lines on stderr that are not a JSON object")
        .isEmpty();
  }

  @Test
  void theApplicationLogAndTheRequestLogBothWriteJson() {
    assertThat(stdout)
        .as("an application log event")
        .anySatisfy(
            line ->
                assertThat(jsonObject(line))
                    .hasValueSatisfying(
                        event ->
                            assertThat(event.path("logger").asText())
                                .isEqualTo("org.eclipse.jetty.server.Server")));
    assertThat(stdout)
        .as("the request log's event for the one request")
        .anySatisfy(
            line ->
                assertThat(jsonObject(line))
                    .hasValueSatisfying(
                        event -> {
                          assertThat(event.path("uri").asText()).isEqualTo("/v1/traces");
                          assertThat(event.path("status").asInt()).isEqualTo(200);
                        }));
  }

  @Test
  void aCleanStartAndStopLogNoWarnings() {
    // The request log's start-time version check warned on every start, a false alarm (see
    // RequestLogStatus).
    assertThat(
            stdout.stream()
                .filter(
                    line ->
                        jsonObject(line)
                            .map(
                                event ->
                                    List.of("WARN", "ERROR").contains(event.path("level").asText()))
                            .orElse(false)))
        .as("warnings and errors of a clean start and stop")
        .isEmpty();
  }

  @Test
  void aRequestLogFileThatCannotBeOpenedIsReportedAsAJsonError() throws Exception {
    Path notADirectory = Files.writeString(work.resolve("not-a-directory"), "");
    Output output =
        run(
            "unwritable",
            "{ type: file, currentLogFilename: %s, archive: false, layout: { type: access-json } }"
                .formatted(notADirectory.resolve("requests.log")));

    assertThat(output.stdout())
        .as("the file appender's error, once said nowhere")
        .anySatisfy(
            line ->
                assertThat(jsonObject(line))
                    .hasValueSatisfying(
                        event -> {
                          assertThat(event.path("level").asText()).isEqualTo("ERROR");
                          assertThat(event.path("message").asText())
                              .startsWith("request log: ")
                              .contains("requests.log");
                        }))
        .allSatisfy(line -> assertThat(jsonObject(line)).as(line).isPresent());
    assertThat(output.stderr())
        .allSatisfy(line -> assertThat(jsonObject(line)).as(line).isPresent());
  }

  private record Output(List<String> stdout, List<String> stderr) {}

  /**
   * Starts the jar with JSON logs and {@code requestLogAppender} as the request log's one appender,
   * sends one request, stops it with SIGTERM and returns what it printed on each stream.
   */
  private static Output run(String name, String requestLogAppender) throws Exception {
    int httpPort = FreePorts.next();
    int adminPort = FreePorts.next();
    Path config = config(name, FreePorts.next(), httpPort, adminPort, requestLogAppender);
    Path out = work.resolve(name + ".stdout");
    Path err = work.resolve(name + ".stderr");
    try (GatewayProcess gateway = GatewayProcess.start(JAR, config, out, err, adminPort)) {
      assertThat(gateway.awaitReady(Duration.ofSeconds(60)))
          .as("gateway ready; it printed:%n%s", read(out) + read(err))
          .isTrue();
      assertThat(postEmptyTraces(httpPort)).isEqualTo(200);
      if (requestLogAppender.contains("console")) {
        assertThat(
                Await.until(
                    () -> read(out).contains("\"uri\":\"/v1/traces\""), Duration.ofSeconds(10)))
            .as("the request log wrote the request; stdout:%n%s", read(out))
            .isTrue();
      }
    }
    // close() stopped it with SIGTERM and waited for the exit: the shutdown's lines are in too.
    return new Output(Files.readAllLines(out), Files.readAllLines(err));
  }

  private static Path config(
      String name, int grpcPort, int httpPort, int adminPort, String requestLogAppender)
      throws IOException {
    String yaml =
        """
        receivers:
          otlp:
            protocols:
              grpc: { endpoint: 127.0.0.1:%d }
              http: { endpoint: 127.0.0.1:%d }
        exporters:
          debug: { verbosity: basic }
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [debug] }
          drain_timeout: 2s
        server:
          adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: %d } ]
          requestLog:
            appenders: [ %s ]
        logging:
          level: INFO
          appenders: [ { type: console, layout: { type: json } } ]
        """
            .formatted(grpcPort, httpPort, adminPort, requestLogAppender);
    return Files.writeString(work.resolve(name + ".yml"), yaml);
  }

  private static int postEmptyTraces(int httpPort) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/traces"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /**
   * The line as a JSON object, or empty when it is anything else (plain text, a blank line, an
   * array).
   */
  private static Optional<JsonNode> jsonObject(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
