package dev.tailgate.exporter.kafka;

import static dev.tailgate.exporter.kafka.KafkaTestData.hex;
import static dev.tailgate.exporter.kafka.KafkaTestData.resource;
import static dev.tailgate.exporter.kafka.KafkaTestData.span;
import static dev.tailgate.exporter.kafka.KafkaTestData.text;
import static dev.tailgate.exporter.kafka.KafkaTestData.traceId;
import static dev.tailgate.exporter.kafka.KafkaTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracesByTraceIdTest {
  private final TracesByTraceId keying = new TracesByTraceId();

  @Test
  void splitsARequestSoEachRecordHoldsOneTrace() {
    ExportTraceServiceRequest request =
        traces(
            resource("cart", span(1, "a"), span(2, "b"), span(1, "c")),
            resource("shop", span(2, "d")));

    List<Keyed<ExportTraceServiceRequest>> parts = keying.apart(request);

    assertThat(parts)
        .extracting(p -> text(p.key()))
        .containsExactly(hex(traceId(1)), hex(traceId(2)));
    assertThat(parts).allSatisfy(p -> assertThat(p.whole()).isFalse());
    ExportTraceServiceRequest first = parts.get(0).request();
    assertThat(spanNames(first)).containsExactly("a", "c");
    assertThat(first.getResourceSpansCount()).isEqualTo(1);
    ExportTraceServiceRequest second = parts.get(1).request();
    assertThat(spanNames(second)).containsExactly("b", "d");
    // Each span keeps its own resource and scope.
    assertThat(second.getResourceSpansList())
        .extracting(r -> r.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("cart", "shop");
    assertThat(second.getResourceSpans(1).getScopeSpans(0).getScope().getName())
        .isEqualTo("scope-shop");
    assertThat(Signal.TRACES.count(first) + Signal.TRACES.count(second)).isEqualTo(4);
  }

  @Test
  void keepsARequestOfOneTraceWhole() {
    ExportTraceServiceRequest request = traces(resource("cart", span(7, "a"), span(7, "b")));

    List<Keyed<ExportTraceServiceRequest>> parts = keying.apart(request);

    assertThat(parts)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.whole()).isTrue();
              assertThat(p.request()).isSameAs(request);
              assertThat(text(p.key())).isEqualTo("0a00000000000000000000000000000" + "7");
            });
  }

  private static List<String> spanNames(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .flatMap(s -> s.getSpansList().stream())
        .map(Span::getName)
        .toList();
  }
}
