package dev.tailgate.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.Status;
import dev.tailgate.exporter.otlp.PartialSuccess;
import dev.tailgate.pipeline.OtlpServices;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpHttpResponsesTest {
  private static final URI URL = URI.create("http://backend:4318/v1/logs");
  private final OtlpHttpResponses<ExportLogsServiceResponse> logs =
      new OtlpHttpResponses<>(OtlpServices.LOGS, Clock.systemUTC());

  @Test
  void readsAPartialSuccessFromAProtobufResponse() {
    byte[] body =
        ExportLogsServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(4)
                    .setErrorMessage("too large"))
            .build()
            .toByteArray();

    assertThat(logs.check(answer(200, "application/x-protobuf", body), URL))
        .isEqualTo(new PartialSuccess(4, "too large"));
  }

  @Test
  void readsAPartialSuccessFromAJsonResponseWithItsInt64AsAString() {
    String body =
        "{\"partialSuccess\":{\"rejectedLogRecords\":\"3\",\"errorMessage\":\"dup\"},\"extra\":1}";

    assertThat(logs.check(answer(200, "application/json; charset=utf-8", utf8(body)), URL))
        .isEqualTo(new PartialSuccess(3, "dup"));
  }

  @Test
  void takesAnEmptyOrUnreadableSuccessAsFullSuccess() {
    assertThat(logs.check(answer(200, "application/x-protobuf", new byte[0]), URL))
        .isEqualTo(PartialSuccess.NONE);
    assertThat(logs.check(answer(202, "", new byte[0]), URL)).isEqualTo(PartialSuccess.NONE);
    assertThat(logs.check(answer(200, "text/html", utf8("<p>ok</p>")), URL))
        .isEqualTo(PartialSuccess.NONE);
    assertThat(logs.check(answer(200, "application/x-protobuf", new byte[] {0x0a, 100}), URL))
        .as("truncated")
        .isEqualTo(PartialSuccess.NONE);
  }

  @Test
  void readsTheFullSuccessOfEachSignalsOwnResponse() {
    OtlpHttpResponses<ExportTraceServiceResponse> traces =
        new OtlpHttpResponses<>(OtlpServices.TRACES, Clock.systemUTC());

    assertThat(
            traces.check(
                answer(
                    200,
                    "application/x-protobuf",
                    ExportTraceServiceResponse.getDefaultInstance().toByteArray()),
                URL))
        .isEqualTo(PartialSuccess.NONE);
  }

  @Test
  void namesTheMessageOfAProtobufStatusInTheError() {
    byte[] status =
        Status.newBuilder().setCode(3).setMessage("invalid span id").build().toByteArray();

    assertThatThrownBy(() -> logs.check(answer(400, "application/x-protobuf", status), URL))
        .isInstanceOf(PermanentException.class)
        .hasMessage("http://backend:4318/v1/logs answered HTTP 400: invalid span id");
  }

  @Test
  void namesTheMessageOfAJsonStatusWhoseDetailsItNeedNotKnow() {
    String status =
        "{\"code\":8,\"message\":\"slow down\",\"details\":[{\"@type\":\"type.example/Unknown\"}]}";

    assertThatThrownBy(
            () ->
                logs.check(
                    answer(
                        503, "application/json", utf8(status), Map.of("Retry-After", List.of("2"))),
                    URL))
        .isInstanceOf(RetryableException.class)
        .hasMessage("http://backend:4318/v1/logs answered HTTP 503: slow down")
        .satisfies(
            e -> assertThat(((RetryableException) e).retryAfter()).hasValue(Duration.ofSeconds(2)));
  }

  @Test
  void quotesTheFirstLineOfAnyOtherErrorBody() {
    assertThatThrownBy(
            () -> logs.check(answer(404, "text/plain", utf8("404 page not found\n")), URL))
        .hasMessage("http://backend:4318/v1/logs answered HTTP 404: 404 page not found");
    assertThatThrownBy(() -> logs.check(answer(413, "", new byte[0]), URL))
        .hasMessage("http://backend:4318/v1/logs answered HTTP 413");
  }

  private static HttpAnswer answer(int status, String contentType, byte[] body) {
    return answer(status, contentType, body, Map.of());
  }

  private static HttpAnswer answer(
      int status, String contentType, byte[] body, Map<String, List<String>> more) {
    Map<String, List<String>> headers = new java.util.HashMap<>(more);
    if (!contentType.isEmpty()) {
      headers.put("Content-Type", List.of(contentType));
    }
    return new HttpAnswer(status, HttpHeaders.of(headers, (name, value) -> true), body);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
