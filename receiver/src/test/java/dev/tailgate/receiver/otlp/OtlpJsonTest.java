package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";
  private static final String PARENT_ID = "eee19b7ec3c1b173";
  private static final String LINKED_SPAN_ID = "0102030405060708";

  private final OtlpJson json = new OtlpJson();
  private final ObjectMapper mapper = new ObjectMapper();

  private static final String SPANS =
      """
      {"resourceSpans":[{
        "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
        "scopeSpans":[{"scope":{"name":"manual"},"spans":[{
          "traceId":"%s","spanId":"%s","parentSpanId":"%s",
          "name":"GET /cart","kind":2,
          "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,
          "links":[{"traceId":"%s","spanId":"%s"}],
          "status":{"code":2,"message":"boom"},
          "somethingNewer":{"traceId":"not looked at by protobuf"}
        }]}]
      }]}
      """
          .formatted(TRACE_ID, SPAN_ID, PARENT_ID, TRACE_ID.toUpperCase(), LINKED_SPAN_ID);

  @Test
  void readsHexIdsIntegerEnumsAndInt64StringsOrNumbers() throws Exception {
    ExportTraceServiceRequest request = json.parse(bytes(SPANS), Signal.TRACES);

    Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getTraceId()).isEqualTo(OtlpTestData.hex(TRACE_ID));
    assertThat(span.getSpanId()).isEqualTo(OtlpTestData.hex(SPAN_ID));
    assertThat(span.getParentSpanId()).isEqualTo(OtlpTestData.hex(PARENT_ID));
    assertThat(span.getLinks(0).getTraceId()).isEqualTo(OtlpTestData.hex(TRACE_ID));
    assertThat(span.getLinks(0).getSpanId()).isEqualTo(OtlpTestData.hex(LINKED_SPAN_ID));
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getStatus().getCode().getNumber()).isEqualTo(2);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1544712661000000000L);
    assertThat(
            request.getResourceSpans(0).getResource().getAttributes(0).getValue().getStringValue())
        .isEqualTo("checkout");
  }

  @Test
  void writesIdsBackAsLowerCaseHexAndEnumsAsIntegers() throws Exception {
    ExportTraceServiceRequest request = json.parse(bytes(SPANS), Signal.TRACES);

    JsonNode printed = mapper.readTree(json.print(request));

    JsonNode span = printed.at("/resourceSpans/0/scopeSpans/0/spans/0");
    assertThat(span.get("traceId").asText()).isEqualTo(TRACE_ID);
    assertThat(span.get("spanId").asText()).isEqualTo(SPAN_ID);
    assertThat(span.get("parentSpanId").asText()).isEqualTo(PARENT_ID);
    assertThat(span.at("/links/0/traceId").asText()).isEqualTo(TRACE_ID);
    assertThat(span.get("kind").isInt()).isTrue();
    assertThat(span.get("kind").asInt()).isEqualTo(2);
    ExportTraceServiceRequest reparsed = json.parse(json.print(request), Signal.TRACES);
    assertThat(reparsed).isEqualTo(request);
  }

  @Test
  void convertsLogRecordAndExemplarIds() throws Exception {
    String logs =
        """
        {"resourceLogs":[{"scopeLogs":[{"logRecords":[
          {"traceId":"%s","spanId":"%s","severityNumber":9,"body":{"stringValue":"hello"}}
        ]}]}]}
        """
            .formatted(TRACE_ID, SPAN_ID);
    String metrics =
        """
        {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"latency","sum":{
          "aggregationTemporality":2,"isMonotonic":true,
          "dataPoints":[{"asInt":"42","exemplars":[{"asDouble":1.5,"traceId":"%s","spanId":"%s"}]}]
        }}]}]}]}
        """
            .formatted(TRACE_ID, SPAN_ID);

    ExportLogsServiceRequest logRequest = json.parse(bytes(logs), Signal.LOGS);
    ExportMetricsServiceRequest metricRequest = json.parse(bytes(metrics), Signal.METRICS);

    assertThat(logRequest.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getTraceId())
        .isEqualTo(OtlpTestData.hex(TRACE_ID));
    var point =
        metricRequest
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0)
            .getSum()
            .getDataPoints(0);
    assertThat(point.getAsInt()).isEqualTo(42);
    assertThat(point.getExemplars(0).getSpanId()).isEqualTo(OtlpTestData.hex(SPAN_ID));
    assertThat(mapper.readTree(json.print(metricRequest)).findValue("spanId").asText())
        .isEqualTo(SPAN_ID);
  }

  @Test
  void refusesIdsThatAreNotHex() {
    String bad = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}";

    assertThatThrownBy(() -> json.parse(bytes(bad), Signal.TRACES))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("traceId \"xyz\" is not a hex string");
  }

  @Test
  void refusesTextThatIsNotAJsonObject() {
    assertThatThrownBy(() -> json.parse(bytes("[1,2]"), Signal.TRACES))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThatThrownBy(() -> json.parse(bytes("{\"resourceSpans\":"), Signal.TRACES))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageStartingWith("not JSON");
  }

  @Test
  void printsPartialSuccessWithLowerCamelCaseKeys() throws Exception {
    ExportTraceServiceResponse response =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(3)
                    .setErrorMessage("bad ids"))
            .build();

    JsonNode printed = mapper.readTree(json.print(response));

    assertThat(printed.at("/partialSuccess/rejectedSpans").asLong()).isEqualTo(3);
    assertThat(printed.at("/partialSuccess/errorMessage").asText()).isEqualTo("bad ids");
    assertThat(json.printToString(ExportTraceServiceResponse.getDefaultInstance())).isEqualTo("{}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
