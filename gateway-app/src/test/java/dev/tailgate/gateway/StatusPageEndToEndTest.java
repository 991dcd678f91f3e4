package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.gateway.admin.ReloadLog;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin status page of a real gateway, as a real browser renders it: headless Chromium loads
 * {@code /status}, whose script polls {@code /status.json}, while the OpenTelemetry SDK sends
 * traces through two pipelines, one to a live OTLP backend and one to an exporter whose backend
 * does not exist.
 */
class StatusPageEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        tail_sampling:
          decision_wait: 500ms
          policies:
            - { name: errors, type: status_code, status_code: { status_codes: [ERROR] } }
            - { name: baseline, type: probabilistic, probabilistic: { sampling_percentage: 50 } }
        batch: { send_batch_size: 50, timeout: 100ms }
      exporters:
        otlp/live: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
        otlp/dead:
          endpoint: 127.0.0.1:DEAD_PORT
          tls: { insecure: true }
          timeout: 1s
          sending_queue: { queue_size: 20 }
          retry_on_failure: { initial_interval: 50ms, max_interval: 100ms, max_elapsed_time: 300ms }
      service:
        pipelines:
          traces:        { receivers: [otlp], processors: [tail_sampling, batch], exporters: [otlp/live] }
          traces/mirror: { receivers: [otlp], processors: [batch], exporters: [otlp/dead] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
        requestLog: { appenders: [] }
      # The dead exporter logs every batch it gives up on: expected here, and the page shows it.
      logging: { level: ERROR, loggers: { dev.tailgate.pipeline.exporterhelper: "OFF" } }
      """;
  static final Path TARGET = Path.of("target").toAbsolutePath();

  final ObjectMapper json = new ObjectMapper();
  final AtomicBoolean sending = new AtomicBoolean(true);
  OtlpBackend backend;
  GatewayUnderTest gateway;
  Thread traffic;

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    // Nothing listens on DEAD_PORT: every export to it is refused at connect.
    gateway =
        new GatewayUnderTest(
                CONFIG.replace("DEAD_PORT", Integer.toString(FreePorts.next())), backend.port())
            .start();
    traffic = new Thread(this::sendTracesUntilStopped, "sdk-traffic");
    traffic.start();
  }

  @AfterEach
  void stop() throws Exception {
    sending.set(false);
    traffic.join(TimeUnit.SECONDS.toMillis(20));
    gateway.close();
    backend.close();
  }

  /**
   * Two-span traces, every fourth one an error, through the SDK's batching exporter, until the test
   * ends.
   */
  void sendTracesUntilStopped() {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                    .setScheduleDelay(Duration.ofMillis(100))
                    .build())
            .build()) {
      Tracer tracer = provider.get("status-page-test");
      for (int i = 0; sending.get(); i++) {
        Span parent = tracer.spanBuilder("checkout-" + i).startSpan();
        Span child =
            tracer.spanBuilder("charge-" + i).setParent(Context.current().with(parent)).startSpan();
        if (i % 4 == 0) {
          child.setStatus(StatusCode.ERROR, "card declined");
        }
        child.end();
        parent.end();
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void statusJsonHoldsThePipelineGraphAndTheRatesOfItsComponents() throws Exception {
    // The exporter counts a batch as sent once the backend has answered: wait for the count, not
    // the backend.
    assertThat(
            Await.until(
                () ->
                    exporterTotal("otlp/dead", "failed") > 0
                        && exporterTotal("otlp/live", "sent") > 0,
                Duration.ofSeconds(20)))
        .as("the dead exporter fails and the live one sends kept traces")
        .isTrue();

    var response = gateway.admin("/status.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode status = json.readTree(response.body());
    assertThat(status.path("pipelines")).hasSize(2);
    JsonNode traces = pipeline(status, "traces");
    assertThat(strings(traces.path("receivers"))).containsExactly("otlp");
    assertThat(strings(traces.path("processors"))).containsExactly("tail_sampling", "batch");
    assertThat(strings(traces.path("exporters"))).containsExactly("otlp/live");
    JsonNode mirror = pipeline(status, "traces/mirror");
    assertThat(mirror.path("signal").asText()).isEqualTo("traces");
    assertThat(strings(mirror.path("processors"))).containsExactly("batch");
    assertThat(strings(mirror.path("exporters"))).containsExactly("otlp/dead");

    JsonNode dead = component(status, "exporter", "otlp/dead");
    assertThat(dead.path("state").asText()).isEqualTo("failing");
    assertThat(dead.path("counts").path("failed").path("lastWindow").asLong()).isPositive();
    JsonNode live = component(status, "exporter", "otlp/live");
    assertThat(live.path("counts").path("sent").path("total").asLong()).isPositive();
    assertThat(live.path("counts").path("failed").path("total").asLong()).isZero();
    assertThat(
            component(status, "receiver", "otlp")
                .path("counts")
                .path("accepted")
                .path("perSecond")
                .asDouble())
        .isPositive();

    assertThat(status.path("queues").findValuesAsText("exporter"))
        .containsExactlyInAnyOrder("otlp/dead (traces)", "otlp/live (traces)");
    assertThat(status.path("memory").path("limitBytes").asLong()).isPositive();
    assertThat(status.path("gateway").path("startedAt").asText()).isNotBlank();
    JsonNode sampling = status.path("tailSampling").get(0);
    assertThat(sampling.path("processor").asText()).isEqualTo("tail_sampling");
    assertThat(sampling.path("decidedEarly").has("num_traces")).isTrue();
    assertThat(sampling.path("decisions").findValuesAsText("policy"))
        .contains("errors", "baseline");
    assertThat(sampling.path("peers")).as("no peers configured").isEmpty();

    JsonNode deadSending = sending(status, "otlp/dead (traces)");
    assertThat(deadSending.path("lastError").path("message").asText())
        .containsAnyOf("UNAVAILABLE", "onnection refused");
    assertThat(deadSending.path("lastError").path("message").asText().length())
        .isLessThanOrEqualTo(300);
    assertThat(deadSending.path("lastError").path("at").asText()).isNotBlank();
    assertThat(deadSending.path("lastError").path("permanent").asBoolean()).isFalse();
    assertThat(deadSending.path("retrying").isInt()).isTrue();
    assertThat(sending(status, "otlp/live (traces)").path("lastError").isNull()).isTrue();
    assertThat(status.path("config").path("runningVersion").asText())
        .isEqualTo(ReloadLog.versionOf(Files.readString(gateway.configFile())));
    assertThat(status.path("config").path("lastReload").isNull()).isTrue();
  }

  @Test
  void chromiumRendersPipelinesRatesAndDecisionsThatKeepUpdating() throws Exception {
    String chromium = onPath("chromium");
    assertThat(chromium)
        .as("chromium on the PATH (apt-get install chromium; .ci/run installs it)")
        .isNotNull();
    assertThat(Await.until(() -> exporterTotal("otlp/dead", "failed") > 0, Duration.ofSeconds(20)))
        .isTrue();
    String runningVersion = ReloadLog.versionOf(Files.readString(gateway.configFile()));
    // A reload the gateway refuses: the page must say so, with the path that is wrong.
    String started = Files.readString(gateway.configFile());
    String broken = started.replace("    timeout: 1s\n", "    timeout: 1s\n    no_such_key: 1\n");
    assertThat(broken).isNotEqualTo(started);
    Files.writeString(gateway.configFile(), broken);
    assertThat(postReload().statusCode()).isEqualTo(400);
    String page = "http://127.0.0.1:" + gateway.adminPort + "/status";

    String first = chromium(chromium, "first", "--dump-dom", page);
    Thread.sleep(3000);
    String second = chromium(chromium, "second", "--dump-dom", page);
    Path screenshot = TARGET.resolve("status.png");
    Files.deleteIfExists(screenshot);
    chromium(chromium, "screenshot", "--screenshot=" + screenshot, "--window-size=1280,900", page);
    // A phone's viewport, to look at by eye: the layout must fold to one column there.
    chromium(
        chromium,
        "phone",
        "--screenshot=" + TARGET.resolve("status-phone.png"),
        "--window-size=390,1600",
        page);

    for (String component :
        List.of(
            "receiver otlp traces",
            "processor tail_sampling traces",
            "processor batch traces",
            "exporter otlp/live traces",
            "exporter otlp/dead traces")) {
      assertThat(second).contains("data-component=\"" + component + "\"");
    }
    assertThat(second)
        .contains("data-pipeline=\"traces\"")
        .contains("data-pipeline=\"traces/mirror\"");
    String deadBefore = row(first, "exporter otlp/dead spans");
    String deadAfter = row(second, "exporter otlp/dead spans");
    assertThat(deadAfter).contains(">failing<").contains("class=\"num bad\" data-count=\"failed\"");
    assertThat(failedTotal(deadAfter)).isGreaterThan(failedTotal(deadBefore)).isPositive();
    assertThat(failedTotal(row(second, "exporter otlp/live spans"))).isZero();
    assertThat(second)
        .contains("data-decision=\"errors sample\"")
        .containsPattern("data-decision=\"baseline (sample|not_sample)\"");

    Matcher lastError =
        Pattern.compile("data-last-error=\"" + Pattern.quote("otlp/dead (traces)") + "\">([^<]*)<")
            .matcher(second);
    assertThat(lastError.find()).as("the dead exporter's last error on the page").isTrue();
    assertThat(lastError.group(1)).containsAnyOf("UNAVAILABLE", "onnection refused");
    assertThat(second).doesNotContain("data-last-error=\"otlp/live (traces)\"");
    assertThat(second)
        .contains("data-config-version=\"" + runningVersion + "\">" + runningVersion + "<")
        .contains("config " + runningVersion)
        .contains("<section id=\"config-section\" class=\"refused\">")
        .contains("data-reload=\"refused\"");
    Matcher reloadLines = Pattern.compile("data-reload-lines=\"refused\">([^<]*)<").matcher(second);
    assertThat(reloadLines.find()).as("the refused reload's lines").isTrue();
    assertThat(reloadLines.group(1))
        .contains("not reloaded")
        .contains("exporters.otlp")
        .contains("no_such_key");
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    assertThat(Files.readAllBytes(screenshot))
        .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  /** Runs headless Chromium to its end; its DOM dump (if asked for) is what it printed. */
  static String chromium(String executable, String name, String... args)
      throws IOException, InterruptedException {
    Path profile = Files.createDirectories(TARGET.resolve("chromium-profile-" + name));
    File out = TARGET.resolve("chromium-" + name + ".out").toFile();
    List<String> command =
        new ArrayList<>(
            List.of(
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--virtual-time-budget=8000",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out)
            .redirectError(TARGET.resolve("chromium-" + name + ".err").toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "chromium did not finish in 90 s; see target/chromium-" + name + ".err");
    }
    assertThat(process.exitValue())
        .as("chromium exit code; see target/chromium-" + name + ".err")
        .isZero();
    return Files.readString(out.toPath());
  }

  static String onPath(String executable) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, executable);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  static String row(String dom, String component) {
    Matcher row =
        Pattern.compile(
                "<tr data-component=\"" + Pattern.quote(component) + "\">(.*?)</tr>",
                Pattern.DOTALL)
            .matcher(dom);
    assertThat(row.find()).as("a table row for " + component).isTrue();
    return row.group(1);
  }

  static long failedTotal(String row) {
    Matcher cell = Pattern.compile("data-count=\"failed\" data-total=\"(\\d+)\"").matcher(row);
    assertThat(cell.find()).as("a failed count").isTrue();
    return Long.parseLong(cell.group(1));
  }

  long exporterTotal(String exporter, String count) {
    try {
      return component(json.readTree(gateway.admin("/status.json").body()), "exporter", exporter)
          .path("counts")
          .path(count)
          .path("total")
          .asLong();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  HttpResponse<String> postReload() throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.adminPort + "/tasks/reload-sampling"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode sending(JsonNode status, String exporter) {
    for (JsonNode sending : status.path("sending")) {
      if (sending.path("exporter").asText().equals(exporter)) {
        return sending;
      }
    }
    throw new AssertionError("no sending of " + exporter + " in " + status.path("sending"));
  }

  static JsonNode pipeline(JsonNode status, String id) {
    for (JsonNode pipeline : status.path("pipelines")) {
      if (pipeline.path("id").asText().equals(id)) {
        return pipeline;
      }
    }
    throw new AssertionError("no pipeline " + id + " in " + status.path("pipelines"));
  }

  static JsonNode component(JsonNode status, String kind, String id) {
    for (JsonNode component : status.path("components")) {
      if (component.path("kind").asText().equals(kind)
          && component.path("id").asText().equals(id)) {
        return component;
      }
    }
    throw new AssertionError("no " + kind + " " + id + " in " + status.path("components"));
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
