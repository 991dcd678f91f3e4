package dev.tailgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.FreePorts;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import dev.tailgate.gateway.testing.OtlpBackend;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Legal OTLP that protobuf-java cannot take as objects — invalid UTF-8 in a string, values nested
 * deeper than its 100-message limit — goes through the default config.yml chain (memory_limiter,
 * redaction, batch) whole, and an untouched request arrives at the backend as the very bytes that
 * were sent.
 */
class WireFidelityEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static OtlpBackend backend;
  private static GatewayUnderTest gateway;

  @BeforeAll
  static void start() throws Exception {
    backend = new OtlpBackend(FreePorts.next()).start();
    gateway =
        new GatewayUnderTest(RedactionEndToEndTest.defaultConfigForTest(), backend.port()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    backend.close();
  }

  private static HttpResponse<byte[]> post(String path, ByteString body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(gateway.httpEndpoint() + path))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** A map value nested {@code depth} levels deep, alternating maps and arrays. */
  private static AnyValue nested(int depth) {
    AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
    for (int level = 2; level <= depth; level++) {
      value =
          level % 2 == 0
              ? AnyValue.newBuilder()
                  .setKvlistValue(
                      KeyValueList.newBuilder()
                          .addValues(KeyValue.newBuilder().setKey("k").setValue(value)))
                  .build()
              : AnyValue.newBuilder()
                  .setArrayValue(ArrayValue.newBuilder().addValues(value))
                  .build();
    }
    return value;
  }

  private static ExportLogsServiceRequest logWithBody(AnyValue body) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "deep")))
                .addScopeLogs(
                    ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder().setBody(body))))
        .build();
  }

  @Test
  void aSpanWithInvalidUtf8ArrivesWithEveryOtherSpanAsTheBytesThatWereSent() throws Exception {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(attribute("service.name", "utf8")))
                    .addScopeSpans(
                        ScopeSpans.newBuilder()
                            .addSpans(
                                span(1).addAttributes(attribute("legacy.field", "REPLACED-BY-FF")))
                            .addSpans(span(2).addAttributes(attribute("http.route", "/ok")))))
            .build();
    ByteString sent = InvalidUtf8.replacing(request, "REPLACED-BY-FF");

    HttpResponse<byte[]> response = post("/v1/traces", sent);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Await.until(() -> backend.traces.items() >= 2, Duration.ofSeconds(10))).isTrue();
    assertThat(backend.traces.wires()).containsExactly(sent);
  }

  @Test
  void aLogBodyNestedFortyLevelsArrivesWhole() throws Exception {
    ExportLogsServiceRequest request = logWithBody(nested(40));

    HttpResponse<byte[]> response = post("/v1/logs", request.toByteString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Await.until(() -> backend.logs.items() >= 1, Duration.ofSeconds(10))).isTrue();
    assertThat(backend.logs.merged()).isEqualTo(request);
  }

  @Test
  void aValueNestedDeeperThanTheLimitIsRefusedWithAnOtlpStatus() throws Exception {
    HttpResponse<byte[]> response = post("/v1/logs", logWithBody(nested(70)).toByteString());

    assertThat(response.statusCode()).isEqualTo(400);
    Status status = Status.parseFrom(response.body());
    assertThat(status.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
    assertThat(status.getMessage()).contains("deeper than 64");
  }

  private static Span.Builder span(int n) {
    byte[] traceId = new byte[16];
    traceId[15] = (byte) n;
    byte[] spanId = new byte[8];
    spanId[7] = (byte) n;
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(traceId))
        .setSpanId(ByteString.copyFrom(spanId))
        .setName("span-" + n)
        .setStartTimeUnixNano(1_000_000_000L * n)
        .setEndTimeUnixNano(1_000_000_000L * n + 5);
  }
}
