package dev.tailgate.exporter.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;

/** Small OTLP requests with resources, scopes and attributes, for exporter tests. */
public final class OtlpSamples {
  public static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  public static final String SPAN_ID = "eee19b7ec3c1b174";

  private OtlpSamples() {}

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public static Resource resource(String serviceName) {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", serviceName))
        .addAttributes(attribute("deployment.environment", "test"))
        .build();
  }

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder().setName("tailgate-test").setVersion("1.0").build();
  }

  /**
   * Two resources; the first with spans {@code GET /cart} and {@code SELECT cart}, the second with
   * one.
   */
  public static ExportTraceServiceRequest traces() {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource("checkout"))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(scope())
                        .addSpans(span("GET /cart", SPAN_ID))
                        .addSpans(span("SELECT cart", "0000000000000002"))))
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource("payment"))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(scope())
                        .addSpans(span("charge", "0000000000000003"))))
        .build();
  }

  private static Span span(String name, String spanId) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(1_700_000_000_000_000_000L)
        .setEndTimeUnixNano(1_700_000_000_250_000_000L)
        .addAttributes(attribute("http.route", "/cart"))
        .build();
  }

  /** One resource: gauge {@code queue.depth} with 2 points and sum {@code requests} with 1. */
  public static ExportMetricsServiceRequest metrics() {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource("checkout"))
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(scope())
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("queue.depth")
                                .setGauge(
                                    Gauge.newBuilder()
                                        .addDataPoints(point(3))
                                        .addDataPoints(point(5))))
                        .addMetrics(
                            Metric.newBuilder()
                                .setName("requests")
                                .setSum(
                                    Sum.newBuilder()
                                        .setIsMonotonic(true)
                                        .addDataPoints(point(42))))))
        .build();
  }

  private static NumberDataPoint point(long value) {
    return NumberDataPoint.newBuilder()
        .setTimeUnixNano(1_700_000_000_000_000_000L)
        .setAsInt(value)
        .addAttributes(attribute("queue", "orders"))
        .build();
  }

  /**
   * One resource with the log records {@code payment declined} (WARN) and {@code cart saved}
   * (INFO).
   */
  public static ExportLogsServiceRequest logs() {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(resource("checkout"))
                .addScopeLogs(
                    ScopeLogs.newBuilder()
                        .setScope(scope())
                        .addLogRecords(
                            log("payment declined", SeverityNumber.SEVERITY_NUMBER_WARN, "WARN"))
                        .addLogRecords(log("cart saved", SeverityNumber.SEVERITY_NUMBER_INFO, ""))))
        .build();
  }

  private static LogRecord log(String body, SeverityNumber severity, String severityText) {
    return LogRecord.newBuilder()
        .setTimeUnixNano(1_700_000_000_000_000_000L)
        .setSeverityNumber(severity)
        .setSeverityText(severityText)
        .setBody(AnyValue.newBuilder().setStringValue(body))
        .addAttributes(attribute("user.id", "u-17"))
        .build();
  }
}
