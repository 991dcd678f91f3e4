package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three gateways share tail sampling as peers: the real OpenTelemetry SDK spreads the spans of
 * every trace over all of them (one tracer provider per gateway, the parent context handed from one
 * to the next), each span is forwarded to the gateway that owns its trace, and only the error
 * traces reach the backend, each complete and once. Then one gateway stops; once the other two have
 * found it silent they share its traces between them and keep deciding correctly.
 */
class TailSamplingPeersEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:SELF_PORT }
      processors:
        tail_sampling:
          decision_wait: 2s
          decision_cache: { sampled_cache_size: 10000, non_sampled_cache_size: 10000 }
          policies: [ { name: errors, type: status_code, status_code: { status_codes: [ERROR] } } ]
          peers:
            self: 127.0.0.1:SELF_PORT
            static: [ PEERS ]
            unhealthy_after: 1s
            probe_interval: 200ms
            timeout: 1s
            retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 30s }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        drain_timeout: 3s
        pipelines:
          traces: { receivers: [otlp], processors: [tail_sampling], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  static final int TRACES = 30;
  static final int ERRORS = 10;

  OtlpBackend backend;
  final List<Integer> grpcPorts = new ArrayList<>();
  final List<GatewayUnderTest> gateways = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < 3) {
      ports.add(FreePorts.next());
    }
    grpcPorts.addAll(ports);
    String peers =
        grpcPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(", "));
    for (int port : grpcPorts) {
      String config = CONFIG.replace("SELF_PORT", Integer.toString(port)).replace("PEERS", peers);
      gateways.add(new GatewayUnderTest(config, backend.port()).start());
    }
  }

  @AfterEach
  void stop() throws Exception {
    gateways.forEach(GatewayUnderTest::close);
    backend.close();
  }

  @Test
  void decidesEachTraceOnceOnItsOwnerAndKeepsDecidingWhenAPeerStops() throws Exception {
    List<GatewayUnderTest> all = gateways;
    // Held for longer than unhealthy_after: a gateway started before the others gives them that
    // long to answer, and may only then find out that one is not up yet.
    assertThat(
            awaitHeld(
                () -> all.stream().allMatch(g -> peers(g, "healthy") == 3),
                Duration.ofMillis(1500)))
        .as("every gateway sees all three peers healthy")
        .isTrue();

    Set<String> errorTraces = sendTraces(all);

    assertThat(
            Await.until(
                () -> decided(all) == TRACES && backend.traces.items() >= ERRORS * 3,
                Duration.ofSeconds(20)))
        .as(
            "all %s traces decided (%s) and the error spans arrived (%s)",
            TRACES, decided(all), backend.traces.items())
        .isTrue();
    assertThat(Await.until(() -> backend.traces.items() > ERRORS * 3, Duration.ofMillis(500)))
        .isFalse();
    assertThat(decided(all)).as("each trace decided by one gateway only").isEqualTo(TRACES);
    assertEachTraceCompleteAndOnce(spansByTrace(), errorTraces);
    for (GatewayUnderTest gateway : all) {
      assertThat(
              metricSum(
                  gateway, "tailgate_processor_tail_sampling_peers_forwarded_spans_total", ""))
          .isPositive();
      assertThat(
              metricSum(gateway, "tailgate_processor_tail_sampling_peers_received_spans_total", ""))
          .isPositive();
    }

    gateways.get(2).stop();
    List<GatewayUnderTest> rest = gateways.subList(0, 2);
    assertThat(
            Await.until(
                () ->
                    rest.stream()
                        .allMatch(g -> peers(g, "healthy") == 2 && peers(g, "unhealthy") == 1),
                Duration.ofSeconds(20)))
        .as("the two left find the stopped one silent and take it out of the ring")
        .isTrue();
    Map<String, List<io.opentelemetry.proto.trace.v1.Span>> before = spansByTrace();
    long decidedBefore = decided(rest);

    Set<String> moreErrorTraces = sendTraces(rest);

    assertThat(
            Await.until(
                () ->
                    decided(rest) == decidedBefore + TRACES
                        && backend.traces.items() >= 2 * ERRORS * 3,
                Duration.ofSeconds(20)))
        .as(
            "the new traces decided (%s) and their error spans arrived (%s)",
            decided(rest) - decidedBefore, backend.traces.items())
        .isTrue();
    assertThat(Await.until(() -> backend.traces.items() > 2 * ERRORS * 3, Duration.ofMillis(500)))
        .isFalse();
    Map<String, List<io.opentelemetry.proto.trace.v1.Span>> after = spansByTrace();
    after.keySet().removeAll(before.keySet());
    assertEachTraceCompleteAndOnce(after, moreErrorTraces);
    assertThat(
            metricSum(
                gateways.get(0),
                "tailgate_processor_tail_sampling_peers_membership_changes_total",
                "reason=\"unhealthy\""))
        .isPositive();
  }

  static boolean awaitHeld(BooleanSupplier condition, Duration hold) throws InterruptedException {
    long[] since = {0};
    return Await.until(
        () -> {
          if (!condition.getAsBoolean()) {
            since[0] = 0;
            return false;
          }
          long now = System.nanoTime();
          if (since[0] == 0) {
            since[0] = now;
          }
          return now - since[0] >= hold.toNanos();
        },
        Duration.ofSeconds(30));
  }

  /**
   * Traces of three spans, each ended on a different gateway's SDK in turn (root, child,
   * grandchild); every third root fails. Returns the ids of the error traces.
   */
  Set<String> sendTraces(List<GatewayUnderTest> targets) {
    List<SdkTracerProvider> providers = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      providers.add(
          SdkTracerProvider.builder()
              .setResource(
                  Resource.getDefault()
                      .merge(Resource.builder().put("service.name", "shop-" + i).build()))
              .addSpanProcessor(
                  BatchSpanProcessor.builder(
                          OtlpGrpcSpanExporter.builder()
                              .setEndpoint(grpcEndpoint(targets.get(i)))
                              .build())
                      .setScheduleDelay(Duration.ofMillis(50))
                      .build())
              .build());
    }
    Set<String> errors = new HashSet<>();
    try {
      for (int t = 0; t < TRACES; t++) {
        Tracer first = providers.get(0).get("checkout");
        Span root = first.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER).startSpan();
        Span parent = root;
        for (int hop = 1; hop < 3; hop++) {
          Tracer next = providers.get(hop % providers.size()).get("checkout");
          Span child =
              next.spanBuilder("hop-" + hop).setParent(Context.root().with(parent)).startSpan();
          child.end();
          parent = child;
        }
        if (t % (TRACES / ERRORS) == 0) {
          root.setStatus(StatusCode.ERROR, "payment declined");
          errors.add(root.getSpanContext().getTraceId());
        }
        root.end();
      }
      for (SdkTracerProvider provider : providers) {
        assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }
    } finally {
      providers.forEach(SdkTracerProvider::close);
    }
    assertThat(errors).hasSize(ERRORS);
    return errors;
  }

  /**
   * The fixture's own gRPC port is not used: each gateway's port had to be known to the others
   * first.
   */
  String grpcEndpoint(GatewayUnderTest gateway) {
    return "http://127.0.0.1:" + grpcPorts.get(gateways.indexOf(gateway));
  }

  static void assertEachTraceCompleteAndOnce(
      Map<String, List<io.opentelemetry.proto.trace.v1.Span>> byTrace, Set<String> errorTraces) {
    assertThat(byTrace.keySet()).as("exactly the error traces").isEqualTo(errorTraces);
    assertThat(byTrace.values())
        .allSatisfy(
            trace -> {
              assertThat(trace)
                  .extracting(io.opentelemetry.proto.trace.v1.Span::getName)
                  .containsExactlyInAnyOrder("GET /checkout", "hop-1", "hop-2");
            });
  }

  Map<String, List<io.opentelemetry.proto.trace.v1.Span>> spansByTrace() {
    List<ResourceSpans> resources = backend.traces.merged().getResourceSpansList();
    assertThat(resources)
        .allSatisfy(
            rs ->
                assertThat(rs.getResource().getAttributesList())
                    .extracting(KeyValue::getKey)
                    .as("the forward mark never reaches the backend")
                    .doesNotContain("tailgate.forwarded_by"));
    Map<String, List<io.opentelemetry.proto.trace.v1.Span>> byTrace = new HashMap<>();
    resources.stream()
        .flatMap(rs -> rs.getScopeSpansList().stream())
        .flatMap(ss -> ss.getSpansList().stream())
        .forEach(
            span ->
                byTrace
                    .computeIfAbsent(
                        HexFormat.of().formatHex(span.getTraceId().toByteArray()),
                        id -> new ArrayList<>())
                    .add(span));
    return byTrace;
  }

  static long decided(List<GatewayUnderTest> gateways) {
    return gateways.stream()
        .mapToLong(g -> metricSum(g, "tailgate_processor_tail_sampling_traces_total", ""))
        .sum();
  }

  static long peers(GatewayUnderTest gateway, String state) {
    return metricSum(gateway, "tailgate_processor_tail_sampling_peers", "state=\"" + state + "\"");
  }

  /** The sum of the samples of {@code name} whose labels contain {@code label}; 0 if none. */
  static long metricSum(GatewayUnderTest gateway, String name, String label) {
    try {
      String body = gateway.admin("/metrics").body();
      Matcher m =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(body);
      double sum = 0;
      while (m.find()) {
        if (m.group(1).contains(label)) {
          sum += Double.parseDouble(m.group(2));
        }
      }
      return (long) sum;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
