package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OTTL conditions in the real gateway, on data from the real SDK: the filter processor and the
 * ottl_condition policy.
 */
class FilterEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
      processors:
        filter:
          error_mode: ignore
          traces:
            span: [ 'attributes["http.route"] == "/healthz"' ]
          logs:
            log_record: [ 'severity_number < SEVERITY_NUMBER_INFO' ]
        tail_sampling:
          decision_wait: 500ms
          policies:
            - { name: gold, type: ottl_condition, ottl_condition: { span: [ 'attributes["app.tier"] == "gold"' ] } }
      exporters:
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        pipelines: PIPELINES
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static final String FILTERING =
      "{ traces: { receivers: [otlp], processors: [filter], exporters: [otlp] },"
          + " logs: { receivers: [otlp], processors: [filter], exporters: [otlp] } }";
  static final String SAMPLING =
      "{ traces: { receivers: [otlp], processors: [filter, tail_sampling], exporters: [otlp] } }";

  @Test
  void theFilterDropsHealthCheckSpansAndDebugLogsAndTheRestArrive() throws Exception {
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start();
        GatewayUnderTest gateway =
            new GatewayUnderTest(config(FILTERING), backend.port()).start()) {
      try (SdkTracerProvider tracing = tracing(gateway)) {
        tracing
            .get("filter")
            .spanBuilder("health")
            .setAttribute("http.route", "/healthz")
            .startSpan()
            .end();
        tracing
            .get("filter")
            .spanBuilder("cart")
            .setAttribute("http.route", "/cart")
            .startSpan()
            .end();
        assertThat(tracing.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }
      try (SdkLoggerProvider logging =
          SdkLoggerProvider.builder()
              .addLogRecordProcessor(
                  BatchLogRecordProcessor.builder(
                          OtlpGrpcLogRecordExporter.builder()
                              .setEndpoint(gateway.grpcEndpoint())
                              .build())
                      .build())
              .build()) {
        logging
            .get("filter")
            .logRecordBuilder()
            .setSeverity(Severity.DEBUG)
            .setBody("cache miss")
            .emit();
        logging
            .get("filter")
            .logRecordBuilder()
            .setSeverity(Severity.INFO)
            .setBody("order placed")
            .emit();
        assertThat(logging.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }

      assertThat(
              Await.until(
                  () -> backend.traces.items() >= 1 && backend.logs.items() >= 1,
                  Duration.ofSeconds(10)))
          .isTrue();
      assertThat(spanNames(backend)).containsExactly("cart");
      assertThat(
              backend.logs.merged().getResourceLogsList().stream()
                  .flatMap(r -> r.getScopeLogsList().stream())
                  .flatMap(s -> s.getLogRecordsList().stream())
                  .map(LogRecord::getBody)
                  .map(b -> b.getStringValue())
                  .toList())
          .containsExactly("order placed");
      String metrics = gateway.admin("/metrics").body();
      assertThat(metrics)
          .containsPattern(
              "tailgate_processor_filter_dropped_spans_total\\{[^}]*processor=\"filter\"[^}]*\\}"
                  + " 1\\.0");
      assertThat(metrics)
          .containsPattern("tailgate_processor_filter_dropped_log_records_total\\{[^}]*\\} 1\\.0");
    }
  }

  @Test
  void anOttlConditionPolicyKeepsTheTracesWithAGoldSpan() throws Exception {
    try (OtlpBackend backend = new OtlpBackend(FreePorts.next()).start();
        GatewayUnderTest gateway = new GatewayUnderTest(config(SAMPLING), backend.port()).start()) {
      try (SdkTracerProvider tracing = tracing(gateway)) {
        var tracer = tracing.get("sampling");
        var gold = tracer.spanBuilder("gold-root").startSpan();
        tracer
            .spanBuilder("gold-child")
            .setParent(io.opentelemetry.context.Context.current().with(gold))
            .setAttribute(AttributeKey.stringKey("app.tier"), "gold")
            .startSpan()
            .end();
        gold.end();
        tracer
            .spanBuilder("silver-root")
            .setAttribute(AttributeKey.stringKey("app.tier"), "silver")
            .startSpan()
            .end();
        assertThat(tracing.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
      }

      // Both traces decided: whatever was kept has been passed on.
      assertThat(
              Await.until(
                  () -> decided(gateway) >= 2 && backend.traces.items() >= 2,
                  Duration.ofSeconds(10)))
          .isTrue();
      assertThat(spanNames(backend)).containsExactlyInAnyOrder("gold-root", "gold-child");
    }
  }

  private static String config(String pipelines) {
    return CONFIG.replace("PIPELINES", pipelines);
  }

  /** Traces tail_sampling has decided, from the gateway's /metrics. */
  private static double decided(GatewayUnderTest gateway) {
    String metrics;
    try {
      metrics = gateway.admin("/metrics").body();
    } catch (java.io.IOException | InterruptedException e) {
      return 0;
    }
    return metrics
        .lines()
        .filter(line -> line.startsWith("tailgate_processor_tail_sampling_traces_total{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static SdkTracerProvider tracing(GatewayUnderTest gateway) {
    return SdkTracerProvider.builder()
        .addSpanProcessor(
            BatchSpanProcessor.builder(
                    OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build())
                .build())
        .build();
  }

  private static List<String> spanNames(OtlpBackend backend) {
    return backend.traces.merged().getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .map(Span::getName)
        .toList();
  }
}
