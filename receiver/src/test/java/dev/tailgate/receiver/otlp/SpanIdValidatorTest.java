package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.SPAN_ID;
import static dev.tailgate.receiver.otlp.OtlpTestData.TRACE_ID;
import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.junit.jupiter.api.Test;

class SpanIdValidatorTest {
  private final SpanIdValidator validator = new SpanIdValidator();

  @Test
  void passesTheSameRequestOnWhenEverySpanIsValid() {
    ExportTraceServiceRequest request = traces(span("a"), span("b"));

    Validated<ExportTraceServiceRequest> validated = validator.validate(request);

    assertThat(validated.request()).isSameAs(request);
    assertThat(validated.items()).isEqualTo(2);
    assertThat(validated.rejected()).isZero();
  }

  @Test
  void rejectsSpansWithMalformedIdsAndKeepsTheRest() {
    ExportTraceServiceRequest request =
        traces(
            span("ok"),
            span("short trace id", ByteString.copyFrom(new byte[8]), SPAN_ID),
            span("no span id", TRACE_ID, ByteString.EMPTY));

    Validated<ExportTraceServiceRequest> validated = validator.validate(request);

    assertThat(validated.items()).isEqualTo(1);
    assertThat(validated.rejected()).isEqualTo(2);
    assertThat(validated.errorMessage())
        .isEqualTo("2 spans rejected: trace_id must be 16 bytes and span_id 8 bytes");
    assertThat(validated.request().getResourceSpans(0).getScopeSpans(0).getSpansList())
        .extracting(s -> s.getName())
        .containsExactly("ok");
    assertThat(validated.request().getResourceSpans(0).getResource())
        .isEqualTo(request.getResourceSpans(0).getResource());
  }

  @Test
  void dropsResourcesLeftWithoutSpans() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .addScopeSpans(
                        ScopeSpans.newBuilder().addSpans(span("bad", ByteString.EMPTY, SPAN_ID))))
            .addAllResourceSpans(traces(span("good")).getResourceSpansList())
            .build();

    Validated<ExportTraceServiceRequest> validated = validator.validate(request);

    assertThat(validated.request().getResourceSpansCount()).isEqualTo(1);
    assertThat(validated.request().getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
        .isEqualTo("good");
  }
}
