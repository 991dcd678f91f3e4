package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.SPAN_ID;
import static dev.tailgate.receiver.otlp.OtlpTestData.TRACE_ID;
import static dev.tailgate.receiver.otlp.OtlpTestData.log;
import static dev.tailgate.receiver.otlp.OtlpTestData.logs;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import org.junit.jupiter.api.Test;

class LogRecordIdValidatorTest {
  private final LogRecordIdValidator validator = new LogRecordIdValidator();

  @Test
  void acceptsRecordsWithoutTraceContextAndWithAFullOne() {
    ExportLogsServiceRequest request =
        logs(
            log("no context"),
            log("in a span").toBuilder().setTraceId(TRACE_ID).setSpanId(SPAN_ID).build());

    Validated<ExportLogsServiceRequest> validated = validator.validate(request);

    assertThat(validated.request()).isSameAs(request);
    assertThat(validated.items()).isEqualTo(2);
    assertThat(validated.rejected()).isZero();
  }

  @Test
  void rejectsRecordsWhoseIdsHaveTheWrongLength() {
    ExportLogsServiceRequest request =
        logs(
            log("ok"),
            log("bad trace").toBuilder().setTraceId(ByteString.copyFrom(new byte[15])).build(),
            log("bad span").toBuilder().setSpanId(ByteString.copyFrom(new byte[16])).build());

    Validated<ExportLogsServiceRequest> validated = validator.validate(request);

    assertThat(validated.items()).isEqualTo(1);
    assertThat(validated.rejected()).isEqualTo(2);
    assertThat(validated.errorMessage())
        .isEqualTo(
            "2 log records rejected: trace_id must be empty or 16 bytes, span_id empty or 8 bytes");
    assertThat(validated.request().getResourceLogs(0).getScopeLogs(0).getLogRecordsList())
        .extracting(r -> r.getBody().getStringValue())
        .containsExactly("ok");
  }
}
