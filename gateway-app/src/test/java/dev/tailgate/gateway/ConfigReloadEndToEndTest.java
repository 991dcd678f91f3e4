package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.AdminTasks;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * config.yml edited under a running gateway, by a plain write and by a Kubernetes-style symlink
 * swap: tail_sampling policies, redaction rules, batch settings and the memory budget change in
 * place, traces already buffered are decided by the new policies (none lost), an invalid edit
 * anywhere in the file keeps the running config, and an extension change is reported as waiting for
 * a restart.
 */
class ConfigReloadEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        redaction:
          allow_all_keys: true
          blocked_values: [ BLOCKED ]
        tail_sampling:
          decision_wait: 3s
          policies: POLICIES
        batch: { timeout: 200ms, send_batch_size: BATCH_SIZE }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        memory: { limit_mib: MEMORY }
        pipelines:
          traces: { receivers: [otlp], processors: [redaction, tail_sampling, batch], exporters: [otlp] }
        config_watch_interval: 200ms
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  static final String ERRORS_ONLY =
      "[ { name: errors, type: status_code, status_code: { status_codes: [ERROR] } } ]";
  static final String EVERYTHING = "[ { name: everything, type: always_sample } ]";

  OtlpBackend backend;
  GatewayUnderTest gateway;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway =
        new GatewayUnderTest(config(ERRORS_ONLY, "secret-1", 100, 64), backend.port()).start();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  static String config(String policies, String blocked, int batchSize, int memoryMib) {
    return CONFIG
        .replace("POLICIES", policies)
        .replace("BLOCKED", blocked)
        .replace("BATCH_SIZE", Integer.toString(batchSize))
        .replace("MEMORY", Integer.toString(memoryMib));
  }

  /** The gateway's file with its ports as they were filled in, and these settings. */
  String edited(String policies, String blocked, int batchSize, int memoryMib) throws Exception {
    String running = Files.readString(gateway.configFile());
    return running
        .replace(ERRORS_ONLY, policies)
        .replace("blocked_values: [ secret-1 ]", "blocked_values: [ " + blocked + " ]")
        .replace("send_batch_size: 100", "send_batch_size: " + batchSize)
        .replace("limit_mib: 64", "limit_mib: " + memoryMib);
  }

  /**
   * As Kubernetes updates a mounted ConfigMap: the file's path becomes a symlink to new content.
   */
  void swapInBySymlink(String content) throws Exception {
    Path file = gateway.configFile();
    Path data = Files.createTempDirectory("tailgate-configmap");
    Path target = Files.writeString(data.resolve("config.yml"), content);
    Path link = file.resolveSibling(file.getFileName() + ".new");
    Files.createSymbolicLink(link, target);
    Files.move(link, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void aSymlinkSwapChangesEveryProcessorInPlaceAndBufferedTracesFollowTheNewPolicies()
      throws Exception {
    // Buffered for decision_wait (3 s): without errors, the running policy would drop them.
    send("before", 4, "secret-1 and secret-2");
    String edited = edited(EVERYTHING, "secret-2", 5, 96);

    swapInBySymlink(edited);

    assertThat(
            Await.until(
                () -> metric("tailgate_config_reloads_total", "result=\"applied\"") >= 1,
                Duration.ofSeconds(10)))
        .isTrue();
    assertThat(metric("tailgate_memory_budget_limit_bytes", "")).isEqualTo(96L << 20);
    assertThat(Await.until(() -> spansOf("before").size() == 4, Duration.ofSeconds(15)))
        .as("the buffered traces, decided by the new policy")
        .isTrue();
    assertThat(spansOf("before"))
        .allSatisfy(span -> assertThat(policyOf(span)).isEqualTo("everything"));
    // Redacted on arrival, by the rules then running.
    assertThat(valueOf(spansOf("before").get(0))).isEqualTo("**** and secret-2");

    send("after", 3, "secret-1 and secret-2");

    assertThat(Await.until(() -> spansOf("after").size() == 3, Duration.ofSeconds(15))).isTrue();
    assertThat(valueOf(spansOf("after").get(0))).isEqualTo("secret-1 and ****");
  }

  @Test
  void anInvalidEditAnywhereKeepsTheRunningConfigAndAnExtensionChangeWaitsForARestart()
      throws Exception {
    String started = Files.readString(gateway.configFile());
    Files.writeString(
        gateway.configFile(),
        edited(EVERYTHING, "secret-1", 100, 64)
            .replace("timeout: 5s }", "timeout: 5s, no_such_key: 1 }"));

    HttpResponse<String> refused = postReload();

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("not reloaded")
        .contains("exporters.otlp")
        .contains("no_such_key");
    send("still-errors-only", 2, "x");
    Thread.sleep(4_000);
    assertThat(spansOf("still-errors-only")).as("the old policy still drops them").isEmpty();

    Files.writeString(
        gateway.configFile(),
        started.replaceFirst(
            "(?m)^receivers:", "extensions:\n  bearertokenauth: { token: t0ken }\nreceivers:"));
    HttpResponse<String> applied = postReload();

    assertThat(applied.statusCode()).isEqualTo(200);
    assertThat(applied.body()).contains("extensions: changed; takes effect on restart");
  }

  void send(String service, int spans, String value) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(Resource.builder().put("service.name", service).build()))
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build()))
            .build()) {
      Tracer tracer = provider.get("reload");
      for (int i = 0; i < spans; i++) {
        tracer.spanBuilder("op-" + i).setAttribute("note", value).startSpan().end();
      }
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
  }

  HttpResponse<String> postReload() throws Exception {
    return AdminTasks.reload(gateway);
  }

  List<Span> spansOf(String service) {
    return backend.traces.merged().getResourceSpansList().stream()
        .filter(
            rs ->
                rs.getResource().getAttributesList().stream()
                    .anyMatch(
                        kv ->
                            kv.getKey().equals("service.name")
                                && kv.getValue().getStringValue().equals(service)))
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .toList();
  }

  static String policyOf(Span span) {
    return attribute(span, "tailsampling.policy");
  }

  static String valueOf(Span span) {
    return attribute(span, "note");
  }

  static String attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(KeyValue::getValue)
        .map(v -> v.getStringValue())
        .findFirst()
        .orElse(null);
  }

  /**
   * The value of the first sample of {@code name} whose labels contain {@code label}; 0 if none.
   */
  long metric(String name, String label) {
    try {
      String body = gateway.admin("/metrics").body();
      Matcher m =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(body);
      while (m.find()) {
        if (m.group(1) == null ? label.isEmpty() : m.group(1).contains(label)) {
          return (long) Double.parseDouble(m.group(2));
        }
      }
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
