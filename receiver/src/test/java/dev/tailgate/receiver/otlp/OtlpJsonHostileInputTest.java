package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Nothing of an OTLP/JSON body is dropped unread: it is read whole, or refused. */
class OtlpJsonHostileInputTest {
  private final OtlpJson json = new OtlpJson();

  private static String spanWith(String extra) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
               + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"s\""
        + extra
        + "}]}]}]}";
  }

  private Span parse(String text) throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request =
        json.parse(text.getBytes(StandardCharsets.UTF_8), Signal.TRACES);
    return request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  @Test
  void refusesASecondValueAfterTheFirstInsteadOfDroppingIt() {
    assertThatThrownBy(() -> parse(spanWith("") + spanWith("")))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThatThrownBy(() -> parse(spanWith("") + " xyz"))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void acceptsWhitespaceAfterTheValue() throws Exception {
    assertThat(parse(spanWith("") + " \r\n\t").getName()).isEqualTo("s");
  }

  @Test
  void refusesAnEnumNumberBeyondInt32InsteadOfDroppingTheField() {
    assertThatThrownBy(() -> parse(spanWith(",\"status\":{\"code\":99999999999}")))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("code");
    assertThatThrownBy(() -> parse(spanWith(",\"kind\":2.5")))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("kind");
  }

  @Test
  void readsEnumNumbersThatAreInt32s() throws Exception {
    assertThat(parse(spanWith(",\"kind\":2,\"status\":{\"code\":2.0}")).getStatus().getCodeValue())
        .isEqualTo(2);
    assertThat(parse(spanWith(",\"kind\":1234")).getKindValue()).isEqualTo(1234);
  }

  /** Jackson bounds one string to 20M characters by default; the body limit is the only bound. */
  @Test
  void readsAStringLongerThanJacksonsDefaultBound() throws Exception {
    String value = "x".repeat(21_000_000);

    Span span =
        parse(
            spanWith(
                ",\"attributes\":[{\"key\":\"big\",\"value\":{\"stringValue\":\""
                    + value
                    + "\"}}]"));

    assertThat(span.getAttributes(0).getValue().getStringValue()).hasSize(value.length());
  }
}
