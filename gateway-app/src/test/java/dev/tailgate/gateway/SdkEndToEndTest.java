package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real OpenTelemetry Java SDK exports to the gateway over gRPC and HTTP/protobuf; the gateway
 * batches and forwards with its otlp exporter to a real OTLP server, where everything arrives with
 * resource and attributes intact.
 */
class SdkEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      processors:
        batch: { send_batch_size: 100, timeout: 50ms }
      exporters:
        debug: { verbosity: basic }
        otlp: { endpoint: 127.0.0.1:BACKEND_PORT, tls: { insecure: true }, timeout: 5s }
      service:
        pipelines:
          traces:  { receivers: [otlp], processors: [batch], exporters: [otlp, debug] }
          metrics: { receivers: [otlp], processors: [batch], exporters: [otlp] }
          logs:    { receivers: [otlp], processors: [batch], exporters: [otlp] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;

  static OtlpBackend backend;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway = new GatewayUnderTest(CONFIG, backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  static Resource resource(String service) {
    return Resource.getDefault()
        .merge(
            Resource.builder()
                .put("service.name", service)
                .put("deployment.environment", "test")
                .build());
  }

  void sendSpans(SpanExporter exporter, String service) {
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource(service))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build()) {
      var tracer = provider.get("e2e-scope", "1.2.3");
      for (int i = 0; i < 5; i++) {
        var parent =
            tracer
                .spanBuilder("parent-" + i)
                .setAttribute("http.route", "/orders/{id}")
                .setAttribute("attempt", i)
                .startSpan();
        tracer
            .spanBuilder("child-" + i)
            .setParent(io.opentelemetry.context.Context.current().with(parent))
            .setAttribute("db.system", "postgresql")
            .startSpan()
            .end();
        parent.end();
      }
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
  }

  @Test
  void spansFromTheSdkOverGrpcAndHttpArriveIntact() throws Exception {
    sendSpans(
        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
        "checkout-grpc");
    sendSpans(
        OtlpHttpSpanExporter.builder().setEndpoint(gateway.httpEndpoint() + "/v1/traces").build(),
        "checkout-http");

    assertThat(
            Await.until(
                () ->
                    spansOf("checkout-grpc").size() == 10 && spansOf("checkout-http").size() == 10,
                Duration.ofSeconds(10)))
        .isTrue();
    Map<String, List<Span>> byService = spansByService();
    assertThat(byService.keySet()).contains("checkout-grpc", "checkout-http");
    for (String service : List.of("checkout-grpc", "checkout-http")) {
      List<Span> spans = byService.get(service);
      assertThat(spans).hasSize(10);
      Span parent =
          spans.stream().filter(s -> s.getName().equals("parent-3")).findFirst().orElseThrow();
      assertThat(attributes(parent.getAttributesList()))
          .containsEntry("http.route", "/orders/{id}")
          .containsEntry("attempt", "3");
      Span child =
          spans.stream().filter(s -> s.getName().equals("child-3")).findFirst().orElseThrow();
      assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
      assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
      assertThat(child.getTraceId().size()).isEqualTo(16);
    }
    var resourceSpans =
        backend.traces.merged().getResourceSpansList().stream()
            .filter(
                rs ->
                    attributes(rs.getResource().getAttributesList())
                        .get("service.name")
                        .equals("checkout-http"))
            .findFirst()
            .orElseThrow();
    assertThat(attributes(resourceSpans.getResource().getAttributesList()))
        .containsEntry("deployment.environment", "test")
        .containsEntry("telemetry.sdk.language", "java");
    assertThat(resourceSpans.getScopeSpans(0).getScope().getName()).isEqualTo("e2e-scope");
    assertThat(resourceSpans.getScopeSpans(0).getScope().getVersion()).isEqualTo("1.2.3");
  }

  void sendMetrics(MetricExporter exporter, String service) {
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .setResource(resource(service))
            .registerMetricReader(
                PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
            .build()) {
      var meter = provider.get("e2e-meter");
      var counter = meter.counterBuilder("orders.placed").setUnit("{order}").build();
      counter.add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));
      counter.add(4, Attributes.of(AttributeKey.stringKey("region"), "us"));
      meter
          .histogramBuilder("orders.latency")
          .setUnit("ms")
          .build()
          .record(12.5, Attributes.of(AttributeKey.stringKey("region"), "eu"));
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
  }

  @Test
  void metricsFromTheSdkOverGrpcAndHttpArriveIntact() throws Exception {
    sendMetrics(
        OtlpGrpcMetricExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
        "billing-grpc");
    sendMetrics(
        OtlpHttpMetricExporter.builder()
            .setEndpoint(gateway.httpEndpoint() + "/v1/metrics")
            .build(),
        "billing-http");

    assertThat(
            Await.until(
                () ->
                    metricsOf("billing-grpc").size() >= 2 && metricsOf("billing-http").size() >= 2,
                Duration.ofSeconds(10)))
        .isTrue();
    for (String service : List.of("billing-grpc", "billing-http")) {
      List<Metric> metrics = metricsOf(service);
      // The SDK exports once on flush and again on close (cumulative): look at the first export.
      Metric counter =
          metrics.stream()
              .filter(m -> m.getName().equals("orders.placed"))
              .findFirst()
              .orElseThrow();
      assertThat(counter.getUnit()).isEqualTo("{order}");
      assertThat(counter.getSum().getIsMonotonic()).isTrue();
      assertThat(counter.getSum().getDataPointsList())
          .extracting(p -> attributes(p.getAttributesList()).get("region") + "=" + p.getAsInt())
          .containsExactlyInAnyOrder("eu=3", "us=4");
      Metric histogram =
          metrics.stream()
              .filter(m -> m.getName().equals("orders.latency"))
              .findFirst()
              .orElseThrow();
      assertThat(histogram.getHistogram().getDataPoints(0).getSum()).isEqualTo(12.5);
      assertThat(histogram.getHistogram().getDataPoints(0).getCount()).isEqualTo(1);
    }
  }

  void sendLogs(LogRecordExporter exporter, String service) {
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder()
            .setResource(resource(service))
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
            .build()) {
      provider
          .get("e2e-logger")
          .logRecordBuilder()
          .setSeverity(Severity.WARN)
          .setBody("payment declined")
          .setAttribute(AttributeKey.stringKey("order.id"), "A-17")
          .emit();
      assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    }
  }

  @Test
  void logsFromTheSdkOverGrpcAndHttpArriveIntact() throws Exception {
    sendLogs(
        OtlpGrpcLogRecordExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
        "payments-grpc");
    sendLogs(
        OtlpHttpLogRecordExporter.builder()
            .setEndpoint(gateway.httpEndpoint() + "/v1/logs")
            .build(),
        "payments-http");

    assertThat(
            Await.until(
                () -> logServices().containsAll(List.of("payments-grpc", "payments-http")),
                Duration.ofSeconds(10)))
        .isTrue();
    Map<String, LogRecord> byService =
        backend.logs.merged().getResourceLogsList().stream()
            .collect(
                Collectors.toMap(
                    rl -> attributes(rl.getResource().getAttributesList()).get("service.name"),
                    rl -> rl.getScopeLogs(0).getLogRecords(0),
                    (a, b) -> a));
    for (String service : List.of("payments-grpc", "payments-http")) {
      LogRecord log = byService.get(service);
      assertThat(log.getBody().getStringValue()).isEqualTo("payment declined");
      assertThat(log.getSeverityNumber())
          .isEqualTo(io.opentelemetry.proto.logs.v1.SeverityNumber.SEVERITY_NUMBER_WARN);
      assertThat(attributes(log.getAttributesList())).containsEntry("order.id", "A-17");
    }
  }

  @Test
  void selfMetricsCountAcceptedAndSentItemsInPrometheusFormat() throws Exception {
    sendSpans(
        OtlpGrpcSpanExporter.builder().setEndpoint(gateway.grpcEndpoint()).build(),
        "metrics-check");
    assertThat(Await.until(() -> spansOf("metrics-check").size() == 10, Duration.ofSeconds(10)))
        .isTrue();

    var response = gateway.admin("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(response.body())
        .contains(
            "tailgate_receiver_accepted_spans_total{receiver=\"otlp\",tenant=\"\",transport=\"grpc\"}")
        .contains("tailgate_exporter_sent_spans_total{exporter=\"otlp\"}")
        // The default queue is sized in bytes: 128 MiB.
        .contains(
            "tailgate_exporter_queue_capacity{data_type=\"traces\",exporter=\"otlp\"} 1.34217728E8")
        .contains("tailgate_memory_budget_limit_bytes")
        .contains("tailgate_memory_budget_used_bytes")
        .contains("tailgate_processor_batch_batch_send_size")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void healthCheckShowsPipelinesAndExporterQueues() throws Exception {
    var response = gateway.admin("/healthcheck");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"pipelines\"")
        .contains("exporter otlp (traces)")
        .contains("sending queue");
  }

  @Test
  void handWrittenOtlpJsonArrivesIntact() throws Exception {
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-client"}}]},
          "scopeSpans":[{"scope":{"name":"handmade"},"spans":[{
            "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173",
            "name":"GET /orders","kind":2,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000",
            "attributes":[{"key":"http.status_code","value":{"intValue":"200"}},{"key":"ok","value":{"boolValue":true}}],
            "status":{"code":2,"message":"boom"}}]}]}]}
        """;
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(gateway.httpEndpoint() + "/v1/traces"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(Await.until(() -> spansOf("json-client").size() == 1, Duration.ofSeconds(10)))
        .isTrue();
    Span span =
        backend.traces.merged().getResourceSpansList().stream()
            .filter(
                rs ->
                    "json-client"
                        .equals(
                            attributes(rs.getResource().getAttributesList()).get("service.name")))
            .findFirst()
            .orElseThrow()
            .getScopeSpans(0)
            .getSpans(0);
    assertThat(java.util.HexFormat.of().formatHex(span.getTraceId().toByteArray()))
        .isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(java.util.HexFormat.of().formatHex(span.getSpanId().toByteArray()))
        .isEqualTo("eee19b7ec3c1b174");
    assertThat(java.util.HexFormat.of().formatHex(span.getParentSpanId().toByteArray()))
        .isEqualTo("eee19b7ec3c1b173");
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(span.getStatus().getCode())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attributes(span.getAttributesList()))
        .containsEntry("http.status_code", "200")
        .containsEntry("ok", "true");
  }

  static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.stream()
        .collect(
            Collectors.toMap(
                KeyValue::getKey,
                kv -> {
                  var v = kv.getValue();
                  return switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue();
                    case INT_VALUE -> Long.toString(v.getIntValue());
                    case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                    case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                    default -> v.toString();
                  };
                },
                (a, b) -> b));
  }

  List<Span> spansOf(String service) {
    return spansByService().getOrDefault(service, List.of());
  }

  List<Metric> metricsOf(String service) {
    return backend.metrics.merged().getResourceMetricsList().stream()
        .filter(
            rm ->
                service.equals(
                    attributes(rm.getResource().getAttributesList()).get("service.name")))
        .flatMap(rm -> rm.getScopeMetricsList().stream())
        .flatMap(sm -> sm.getMetricsList().stream())
        .toList();
  }

  java.util.Set<String> logServices() {
    return backend.logs.merged().getResourceLogsList().stream()
        .map(rl -> attributes(rl.getResource().getAttributesList()).get("service.name"))
        .collect(Collectors.toSet());
  }

  Map<String, List<Span>> spansByService() {
    return backend.traces.merged().getResourceSpansList().stream()
        .collect(
            Collectors.groupingBy(
                rs -> attributes(rs.getResource().getAttributesList()).get("service.name"),
                Collectors.flatMapping(
                    rs -> rs.getScopeSpansList().stream().flatMap(ss -> ss.getSpansList().stream()),
                    Collectors.toList())));
  }
}
