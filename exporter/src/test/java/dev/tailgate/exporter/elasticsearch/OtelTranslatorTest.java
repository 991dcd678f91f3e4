package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtelTranslatorTest {

  private static List<JsonNode> spans(ExportTraceServiceRequest batch) {
    return Documents.sources(Signal.TRACES, MappingMode.OTEL, batch);
  }

  @Test
  void writesOneOtelNativeDocumentPerSpan() {
    List<JsonNode> docs = spans(OtlpSamples.traces());

    assertThat(docs).hasSize(3);
    JsonNode doc = docs.get(0);
    assertThat(doc.path("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(doc.path("trace_id").asText()).isEqualTo(OtlpSamples.TRACE_ID);
    assertThat(doc.path("span_id").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.has("parent_span_id")).isFalse();
    assertThat(doc.path("name").asText()).isEqualTo("GET /cart");
    assertThat(doc.path("kind").asText()).isEqualTo("Server");
    assertThat(doc.path("duration").asLong()).isEqualTo(250_000_000L);
    assertThat(doc.path("status").path("code").asText()).isEqualTo("Unset");
    assertThat(doc.path("attributes").path("http.route").asText()).isEqualTo("/cart");
    assertThat(doc.path("resource").path("attributes").path("service.name").asText())
        .isEqualTo("checkout");
    assertThat(doc.path("scope").path("name").asText()).isEqualTo("tailgate-test");
    assertThat(doc.path("scope").path("version").asText()).isEqualTo("1.0");
    assertThat(doc.path("data_stream").path("type").asText()).isEqualTo("traces");
    assertThat(doc.path("data_stream").path("dataset").asText()).isEqualTo("generic");
    assertThat(doc.path("data_stream").path("namespace").asText()).isEqualTo("default");
    assertThat(docs.get(2).path("resource").path("attributes").path("service.name").asText())
        .isEqualTo("payment");
  }

  @Test
  void writesParentStatusEventsLinksAndDroppedCounts() {
    Span span =
        Span.newBuilder()
            .setTraceId(id(OtlpSamples.TRACE_ID))
            .setSpanId(id("0000000000000009"))
            .setParentSpanId(id(OtlpSamples.SPAN_ID))
            .setName("charge")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_700_000_000_123_456_789L)
            .setEndTimeUnixNano(1_700_000_000_223_456_789L)
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("card declined"))
            .addEvents(
                Span.Event.newBuilder()
                    .setName("retry")
                    .setTimeUnixNano(1_700_000_000_200_000_000L)
                    .addAttributes(OtlpSamples.attribute("attempt", "2")))
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(id(OtlpSamples.TRACE_ID))
                    .setSpanId(id(OtlpSamples.SPAN_ID)))
            .setDroppedAttributesCount(3)
            .build();

    JsonNode doc = spans(traces(span)).get(0);

    assertThat(doc.path("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20.123456789Z");
    assertThat(doc.path("parent_span_id").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.path("kind").asText()).isEqualTo("Client");
    assertThat(doc.path("duration").asLong()).isEqualTo(100_000_000L);
    assertThat(doc.path("status").path("code").asText()).isEqualTo("Error");
    assertThat(doc.path("status").path("message").asText()).isEqualTo("card declined");
    assertThat(doc.path("events").get(0).path("name").asText()).isEqualTo("retry");
    assertThat(doc.path("events").get(0).path("timestamp").asText())
        .isEqualTo("2023-11-14T22:13:20.200Z");
    assertThat(doc.path("events").get(0).path("attributes").path("attempt").asText())
        .isEqualTo("2");
    assertThat(doc.path("links").get(0).path("span_id").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.path("dropped_attributes_count").asInt()).isEqualTo(3);
  }

  @Test
  void keepsAttributeValueTypes() {
    Span span =
        Span.newBuilder()
            .setName("typed")
            .addAttributes(kv("count", AnyValue.newBuilder().setIntValue(42).build()))
            .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.5).build()))
            .addAttributes(kv("cached", AnyValue.newBuilder().setBoolValue(true).build()))
            .addAttributes(
                kv(
                    "tags",
                    AnyValue.newBuilder()
                        .setArrayValue(
                            ArrayValue.newBuilder()
                                .addValues(AnyValue.newBuilder().setStringValue("a"))
                                .addValues(AnyValue.newBuilder().setStringValue("b")))
                        .build()))
            .addAttributes(
                kv(
                    "map",
                    AnyValue.newBuilder()
                        .setKvlistValue(
                            KeyValueList.newBuilder().addValues(OtlpSamples.attribute("k", "v")))
                        .build()))
            .addAttributes(kv("count", AnyValue.newBuilder().setIntValue(7).build()))
            .build();

    JsonNode attributes = spans(traces(span)).get(0).path("attributes");

    assertThat(attributes.path("count").isIntegralNumber()).isTrue();
    assertThat(attributes.path("count").asLong())
        .as("the first of a repeated key wins")
        .isEqualTo(42);
    assertThat(attributes.path("ratio").asDouble()).isEqualTo(0.5);
    assertThat(attributes.path("cached").asBoolean()).isTrue();
    assertThat(attributes.path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(attributes.path("map").path("k").asText()).isEqualTo("v");
  }

  @Test
  void writesLogRecordsWithTextOrStructuredBodies() {
    List<JsonNode> docs = Documents.sources(Signal.LOGS, MappingMode.OTEL, OtlpSamples.logs());

    assertThat(docs).hasSize(2);
    JsonNode doc = docs.get(0);
    assertThat(doc.path("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(doc.path("body").path("text").asText()).isEqualTo("payment declined");
    assertThat(doc.path("severity_text").asText()).isEqualTo("WARN");
    assertThat(doc.path("severity_number").asInt()).isEqualTo(13);
    assertThat(doc.path("attributes").path("user.id").asText()).isEqualTo("u-17");
    assertThat(doc.path("resource").path("attributes").path("service.name").asText())
        .isEqualTo("checkout");
    assertThat(doc.path("data_stream").path("type").asText()).isEqualTo("logs");
    assertThat(docs.get(1).has("severity_text")).isFalse();

    LogRecord structured =
        LogRecord.newBuilder()
            .setObservedTimeUnixNano(1_700_000_001_000_000_000L)
            .setBody(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder().addValues(OtlpSamples.attribute("order", "o-1"))))
            .setTraceId(id(OtlpSamples.TRACE_ID))
            .build();
    JsonNode second = Documents.sources(Signal.LOGS, MappingMode.OTEL, logs(structured)).get(0);
    assertThat(second.path("body").path("structured").path("order").asText()).isEqualTo("o-1");
    assertThat(second.path("@timestamp").asText())
        .as("the observed time stands in for a missing time")
        .isEqualTo("2023-11-14T22:13:21Z");
    assertThat(second.path("observed_timestamp").asText()).isEqualTo("2023-11-14T22:13:21Z");
    assertThat(second.path("trace_id").asText()).isEqualTo(OtlpSamples.TRACE_ID);
  }

  @Test
  void writesOneDocumentPerDataPoint() {
    List<JsonNode> docs =
        Documents.sources(Signal.METRICS, MappingMode.OTEL, OtlpSamples.metrics());

    assertThat(docs).hasSize(3);
    assertThat(docs)
        .extracting(d -> d.path("metric").path("name").asText())
        .containsExactly("queue.depth", "queue.depth", "requests");
    assertThat(docs).extracting(d -> d.path("value").asLong()).containsExactly(3L, 5L, 42L);
    assertThat(docs.get(0).path("metric").path("type").asText()).isEqualTo("gauge");
    assertThat(docs.get(2).path("metric").path("type").asText()).isEqualTo("sum");
    assertThat(docs.get(2).path("metric").path("monotonic").asBoolean()).isTrue();
    assertThat(docs.get(0).path("attributes").path("queue").asText()).isEqualTo("orders");
    assertThat(docs.get(0).path("data_stream").path("type").asText()).isEqualTo("metrics");
  }

  @Test
  void writesHistogramBuckets() {
    Metric histogram =
        Metric.newBuilder()
            .setName("latency")
            .setUnit("ms")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(1_700_000_000_000_000_000L)
                            .setCount(4)
                            .setSum(50)
                            .setMin(1)
                            .setMax(30)
                            .addExplicitBounds(10)
                            .addExplicitBounds(20)
                            .addBucketCounts(2)
                            .addBucketCounts(1)
                            .addBucketCounts(1)))
            .build();
    ExportMetricsServiceRequest batch =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                ResourceMetrics.newBuilder()
                    .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(histogram)))
            .build();

    JsonNode doc = Documents.sources(Signal.METRICS, MappingMode.OTEL, batch).get(0);

    assertThat(doc.path("metric").path("unit").asText()).isEqualTo("ms");
    assertThat(doc.path("metric").path("type").asText()).isEqualTo("histogram");
    assertThat(doc.path("metric").path("temporality").asText()).isEqualTo("delta");
    assertThat(doc.path("histogram").path("count").asLong()).isEqualTo(4);
    assertThat(doc.path("histogram").path("sum").asDouble()).isEqualTo(50);
    assertThat(doc.path("histogram").path("bounds").toString()).isEqualTo("[10.0,20.0]");
    assertThat(doc.path("histogram").path("counts").toString()).isEqualTo("[2,1,1]");
    assertThat(doc.has("value")).isFalse();
  }

  static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static ExportTraceServiceRequest traces(Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(OtlpSamples.resource("checkout"))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  static ExportLogsServiceRequest logs(LogRecord log) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(OtlpSamples.resource("checkout"))
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(log)))
        .build();
  }
}
