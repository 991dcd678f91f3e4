package dev.tailgate.exporter.elasticsearch;

import static dev.tailgate.exporter.elasticsearch.OtelTranslatorTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsTranslatorTest {

  @Test
  void writesSpansWithEcsFieldNames() {
    JsonNode doc = Documents.sources(Signal.TRACES, MappingMode.ECS, OtlpSamples.traces()).get(0);

    assertThat(doc.path("@timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(doc.path("trace.id").asText()).isEqualTo(OtlpSamples.TRACE_ID);
    assertThat(doc.path("span.id").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.path("span.name").asText()).isEqualTo("GET /cart");
    assertThat(doc.path("event.duration").asLong()).isEqualTo(250_000_000L);
    assertThat(doc.path("event.outcome").asText()).isEqualTo("unknown");
    assertThat(doc.path("service.name").asText()).isEqualTo("checkout");
    assertThat(doc.path("service.environment").asText()).isEqualTo("test");
    assertThat(doc.path("service.framework.name").asText()).isEqualTo("tailgate-test");
    assertThat(doc.path("http.route").asText()).isEqualTo("/cart");
    assertThat(doc.path("processor.event").asText()).isEqualTo("transaction");
    assertThat(doc.path("transaction.id").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.path("data_stream.type").asText()).isEqualTo("traces");
  }

  @Test
  void marksChildClientSpansAsSpansAndErrorsAsFailures() {
    Span child =
        Span.newBuilder()
            .setTraceId(id(OtlpSamples.TRACE_ID))
            .setSpanId(id("0000000000000009"))
            .setParentSpanId(id(OtlpSamples.SPAN_ID))
            .setName("SELECT")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("timeout"))
            .build();

    JsonNode doc =
        Documents.sources(Signal.TRACES, MappingMode.ECS, OtelTranslatorTest.traces(child)).get(0);

    assertThat(doc.path("processor.event").asText()).isEqualTo("span");
    assertThat(doc.has("transaction.id")).isFalse();
    assertThat(doc.path("parent.id").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.path("event.outcome").asText()).isEqualTo("failure");
    assertThat(doc.path("error.message").asText()).isEqualTo("timeout");
  }

  @Test
  void mapsResourceAttributesToEcsAndLetsThemWinOverRecordAttributes() {
    Resource resource =
        Resource.newBuilder()
            .addAttributes(OtlpSamples.attribute("service.name", "checkout"))
            .addAttributes(OtlpSamples.attribute("host.name", "node-1"))
            .addAttributes(OtlpSamples.attribute("service.instance.id", "i-7"))
            .addAttributes(OtlpSamples.attribute("k8s.pod.name", "checkout-5d9"))
            .build();
    Span span =
        Span.newBuilder()
            .setName("x")
            .addAttributes(OtlpSamples.attribute("service.name", "spoofed"))
            .build();
    ExportTraceServiceRequest batch =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(resource)
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
            .build();

    Document document = Documents.encode(Signal.TRACES, MappingMode.ECS, batch).get(0);
    JsonNode doc = Documents.tree(document);

    assertThat(doc.path("service.name").asText()).isEqualTo("checkout");
    assertThat(document.sourceText()).containsOnlyOnce("\"service.name\"");
    assertThat(doc.path("host.name").asText()).isEqualTo("node-1");
    assertThat(doc.path("host.hostname").asText()).isEqualTo("node-1");
    assertThat(doc.path("service.node.name").asText()).isEqualTo("i-7");
    assertThat(doc.path("kubernetes.pod.name").asText()).isEqualTo("checkout-5d9");
  }

  @Test
  void writesLogsWithMessageAndLevel() {
    List<JsonNode> docs = Documents.sources(Signal.LOGS, MappingMode.ECS, OtlpSamples.logs());

    assertThat(docs.get(0).path("message").asText()).isEqualTo("payment declined");
    assertThat(docs.get(0).path("log.level").asText()).isEqualTo("WARN");
    assertThat(docs.get(0).path("log.logger").asText()).isEqualTo("tailgate-test");
    assertThat(docs.get(0).path("user.id").asText()).isEqualTo("u-17");
    assertThat(docs.get(1).path("log.level").asText())
        .as("named from the severity number")
        .isEqualTo("INFO");

    LogRecord structured =
        LogRecord.newBuilder()
            .setTimeUnixNano(1)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR2)
            .setBody(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder().addValues(OtlpSamples.attribute("order", "o-1"))))
            .build();
    JsonNode doc =
        Documents.sources(Signal.LOGS, MappingMode.ECS, OtelTranslatorTest.logs(structured)).get(0);
    assertThat(doc.path("message").asText()).isEqualTo("{\"order\":\"o-1\"}");
    assertThat(doc.path("log.level").asText()).isEqualTo("ERROR");
  }

  @Test
  void writesMetricValuesUnderTheMetricName() {
    List<JsonNode> docs = Documents.sources(Signal.METRICS, MappingMode.ECS, OtlpSamples.metrics());

    assertThat(docs).extracting(d -> d.path("queue.depth").asLong(-1)).containsExactly(3L, 5L, -1L);
    assertThat(docs.get(2).path("requests").asLong()).isEqualTo(42);
    assertThat(docs.get(0).path("queue").asText()).isEqualTo("orders");
    assertThat(docs.get(0).path("service.name").asText()).isEqualTo("checkout");
  }
}
