package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry SDK sends whole traces to the gateway; tail_sampling keeps only the
 * interesting ones (an error, or slow), complete, and the admin reload task swaps the policies of
 * the running gateway.
 */
class TailSamplingEndToEndTest {
  static final String ERRORS_AND_SLOW =
      "[ { name: errors, type: status_code, status_code: { status_codes: [ERROR] } },"
          + " { name: slow, type: latency, latency: { threshold_ms: 1000 } } ]";
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        tail_sampling:
          decision_wait: 1s
          decision_cache: { sampled_cache_size: 1000, non_sampled_cache_size: 1000 }
          policies: POLICIES
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        pipelines:
          traces: { receivers: [otlp], processors: [tail_sampling], exporters: [otlp] }
        config_watch_interval: 300ms
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  static final AttributeKey<String> CASE = AttributeKey.stringKey("test.case");

  OtlpBackend backend;
  GatewayUnderTest gateway;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway =
        new GatewayUnderTest(CONFIG.replace("POLICIES", ERRORS_AND_SLOW), backend.port()).start();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    backend.close();
  }

  /** Traces of a root and two children; the root says which case it is. */
  void sendTraces(int errors, int slow, int fast) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault().merge(Resource.builder().put("service.name", "shop").build()))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                    .setScheduleDelay(Duration.ofMillis(50))
                    .build())
            .build()) {
      Tracer tracer = provider.get("checkout", "1.0");
      long start = System.currentTimeMillis() * 1_000_000L;
      for (int i = 0; i < errors + slow + fast; i++) {
        String kind = i < errors ? "error" : i < errors + slow ? "slow" : "fast";
        long duration = kind.equals("slow") ? 1_500_000_000L : 20_000_000L;
        trace(tracer, kind, start, duration);
      }
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
  }

  static void trace(Tracer tracer, String kind, long start, long duration) {
    var root =
        tracer
            .spanBuilder("GET /checkout")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(CASE, kind)
            .setStartTimestamp(start, NANOSECONDS)
            .startSpan();
    Context parent = Context.root().with(root);
    for (int c = 0; c < 2; c++) {
      tracer
          .spanBuilder("child-" + c)
          .setParent(parent)
          .setStartTimestamp(start + (c + 1) * 1_000_000L, NANOSECONDS)
          .startSpan()
          .end(start + (c + 2) * 1_000_000L, NANOSECONDS);
    }
    if (kind.equals("error")) {
      root.setStatus(StatusCode.ERROR, "payment declined");
    }
    root.end(start + duration, NANOSECONDS);
  }

  @Test
  void keepsExactlyTheErrorAndSlowTracesEachComplete() throws Exception {
    sendTraces(10, 10, 80);

    assertThat(
            Await.until(
                () -> decidedTraces() == 100 && backend.traces.items() >= 60,
                Duration.ofSeconds(15)))
        .as(
            "all 100 traces decided, 60 spans arrived; decided %s, arrived %s",
            decidedTraces(), backend.traces.items())
        .isTrue();
    // Kept spans are exported after their decision; give stragglers a moment to show up if there
    // were any.
    assertThat(Await.until(() -> backend.traces.items() > 60, Duration.ofMillis(300))).isFalse();

    Map<String, List<Span>> byTrace =
        spans().stream()
            .collect(
                Collectors.groupingBy(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray())));
    assertThat(byTrace).hasSize(20);
    assertThat(byTrace.values()).allSatisfy(trace -> assertThat(trace).hasSize(3));
    Map<String, String> policyByCase =
        byTrace.values().stream()
            .collect(
                Collectors.toMap(
                    trace ->
                        rootOf(trace).getAttributesList().stream()
                            .filter(kv -> kv.getKey().equals("test.case"))
                            .findFirst()
                            .orElseThrow()
                            .getValue()
                            .getStringValue(),
                    trace -> policyOf(rootOf(trace)),
                    (a, b) -> a.equals(b) ? a : a + "|" + b));
    assertThat(policyByCase).containsOnly(Map.entry("error", "errors"), Map.entry("slow", "slow"));
    assertThat(spans())
        .allSatisfy(
            span -> {
              assertThat(policyOf(span)).isIn("errors", "slow");
              assertThat(span.getTraceState()).isEqualTo("ot=th:0");
            });
    assertThat(metric("tailgate_processor_tail_sampling_traces_total", "decision=\"not_sampled\""))
        .isEqualTo(80);
    assertThat(
            metric(
                "tailgate_processor_tail_sampling_traces_in_memory", "processor=\"tail_sampling\""))
        .isZero();
  }

  @Test
  void reloadSwapsThePoliciesAndRefusesAnInvalidFileKeepingTheOldOnes() throws Exception {
    String started = Files.readString(gateway.configFile());
    Files.writeString(
        gateway.configFile(),
        started.replace(ERRORS_AND_SLOW, "[ { name: everything, type: always_sample } ]"));

    HttpResponse<String> reloaded = postReload();

    assertThat(reloaded.statusCode()).isEqualTo(200);
    assertThat(reloaded.body()).contains("processors.tail_sampling").contains("everything");
    sendTraces(0, 0, 5);
    assertThat(Await.until(() -> backend.traces.items() == 15, Duration.ofSeconds(10))).isTrue();
    assertThat(spans()).allSatisfy(span -> assertThat(policyOf(span)).isEqualTo("everything"));

    Files.writeString(
        gateway.configFile(),
        started.replace(
            ERRORS_AND_SLOW, "[ { name: broken, type: latency, latency: { threshold_ms: -5 } } ]"));

    HttpResponse<String> refused = postReload();

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("not reloaded")
        .contains("processors.tail_sampling.policies[0].latency.threshold_ms: must be > 0");
    sendTraces(0, 0, 5);
    assertThat(Await.until(() -> backend.traces.items() == 30, Duration.ofSeconds(10))).isTrue();
    assertThat(spans()).allSatisfy(span -> assertThat(policyOf(span)).isEqualTo("everything"));
  }

  @Test
  void aChangedConfigFileIsReloadedWithoutAskingAndAnInvalidOneKeepsTheRunningPolicies()
      throws Exception {
    String started = Files.readString(gateway.configFile());
    Files.writeString(
        gateway.configFile(),
        started.replace(ERRORS_AND_SLOW, "[ { name: everything, type: always_sample } ]"));

    assertThat(
            Await.until(
                () -> metric("tailgate_config_reloads_total", "result=\"applied\"") >= 1,
                Duration.ofSeconds(10)))
        .as("reloaded on its own")
        .isTrue();
    sendTraces(0, 0, 5);
    assertThat(Await.until(() -> backend.traces.items() == 15, Duration.ofSeconds(10))).isTrue();
    assertThat(spans()).allSatisfy(span -> assertThat(policyOf(span)).isEqualTo("everything"));

    Files.writeString(
        gateway.configFile(),
        started.replace(
            ERRORS_AND_SLOW, "[ { name: broken, type: latency, latency: { threshold_ms: -5 } } ]"));

    assertThat(
            Await.until(
                () -> metric("tailgate_config_reloads_total", "result=\"refused\"") >= 1,
                Duration.ofSeconds(10)))
        .isTrue();
    sendTraces(0, 0, 5);
    assertThat(Await.until(() -> backend.traces.items() == 30, Duration.ofSeconds(10))).isTrue();
    assertThat(spans()).allSatisfy(span -> assertThat(policyOf(span)).isEqualTo("everything"));
  }

  @Test
  void reloadAnswersOnlyToPost() throws Exception {
    assertThat(gateway.admin("/tasks/reload-sampling").statusCode()).isEqualTo(405);
  }

  HttpResponse<String> postReload() throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort + "/tasks/reload-sampling"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  List<Span> spans() {
    return backend.traces.merged().getResourceSpansList().stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .toList();
  }

  static Span rootOf(List<Span> trace) {
    return trace.stream().filter(s -> s.getParentSpanId().isEmpty()).findFirst().orElseThrow();
  }

  static String policyOf(Span span) {
    return span.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals("tailsampling.policy"))
        .map(KeyValue::getValue)
        .map(v -> v.getStringValue())
        .findFirst()
        .orElse(null);
  }

  long decidedTraces() {
    return metric("tailgate_processor_tail_sampling_traces_total", "decision=\"sampled\"")
        + metric("tailgate_processor_tail_sampling_traces_total", "decision=\"not_sampled\"");
  }

  /**
   * The value of the first sample of {@code name} whose labels contain {@code label}; 0 if none.
   */
  long metric(String name, String label) {
    try {
      String body = gateway.admin("/metrics").body();
      Matcher m =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(body);
      while (m.find()) {
        if (m.group(1).contains(label)) {
          return (long) Double.parseDouble(m.group(2));
        }
      }
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
