package dev.tailgate.exporter.kafka;

import static dev.tailgate.exporter.kafka.KafkaTestData.hex;
import static dev.tailgate.exporter.kafka.KafkaTestData.resource;
import static dev.tailgate.exporter.kafka.KafkaTestData.span;
import static dev.tailgate.exporter.kafka.KafkaTestData.text;
import static dev.tailgate.exporter.kafka.KafkaTestData.traceId;
import static dev.tailgate.exporter.kafka.KafkaTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracesByTraceIdTest {
  private final TracesByTraceId keying = new TracesByTraceId();

  @Test
  void splitsARequestSoEachRecordHoldsOneTrace() throws Exception {
    ExportTraceServiceRequest request =
        traces(
            resource("cart", span(1, "a"), span(2, "b"), span(1, "c")),
            resource("shop", span(2, "d")));

    List<Keyed<ExportTraceServiceRequest>> parts = keying.apart(Batch.of(Signal.TRACES, request));

    assertThat(parts)
        .extracting(p -> text(p.key()))
        .containsExactly(hex(traceId(1)), hex(traceId(2)));
    assertThat(parts).allSatisfy(p -> assertThat(p.whole()).isFalse());
    ExportTraceServiceRequest first = parsed(parts.get(0));
    assertThat(spanNames(first)).containsExactly("a", "c");
    assertThat(first.getResourceSpansCount()).isEqualTo(1);
    ExportTraceServiceRequest second = parsed(parts.get(1));
    assertThat(spanNames(second)).containsExactly("b", "d");
    // Each span keeps its own resource and scope.
    assertThat(second.getResourceSpansList())
        .extracting(r -> r.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("cart", "shop");
    assertThat(second.getResourceSpans(1).getScopeSpans(0).getScope().getName())
        .isEqualTo("scope-shop");
    assertThat(Signal.TRACES.count(first) + Signal.TRACES.count(second)).isEqualTo(4);
    assertThat(parts).extracting(Keyed::items).containsExactly(2, 2);
  }

  @Test
  void keepsARequestOfOneTraceWhole() {
    ExportTraceServiceRequest request = traces(resource("cart", span(7, "a"), span(7, "b")));

    List<Keyed<ExportTraceServiceRequest>> parts = keying.apart(Batch.of(Signal.TRACES, request));

    assertThat(parts)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.whole()).isTrue();
              assertThat(text(p.key())).isEqualTo("0a00000000000000000000000000000" + "7");
            });
  }

  private static ExportTraceServiceRequest parsed(Keyed<ExportTraceServiceRequest> part)
      throws InvalidProtocolBufferException {
    return ExportTraceServiceRequest.parseFrom(part.encoded());
  }

  private static List<String> spanNames(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .map(Span::getName)
        .toList();
  }
}
