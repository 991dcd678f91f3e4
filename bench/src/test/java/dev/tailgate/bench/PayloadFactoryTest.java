package dev.tailgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadFactoryTest {

  @Test
  void sameSeedGivesIdenticalBytes() {
    PayloadFactory factory = new PayloadFactory(50, 10);

    assertThat(factory.create(7).toByteArray()).isEqualTo(factory.create(7).toByteArray());
  }

  @Test
  void differentSeedsGiveDifferentRequests() {
    PayloadFactory factory = new PayloadFactory(50, 10);

    assertThat(factory.create(7)).isNotEqualTo(factory.create(8));
  }

  @Test
  void buildsOneResourceAndScopeWithRequestedSpanCount() {
    ExportTraceServiceRequest request = new PayloadFactory(100, 10).create(1);

    assertThat(request.getResourceSpansCount()).isEqualTo(1);
    assertThat(request.getResourceSpans(0).getScopeSpansCount()).isEqualTo(1);
    assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpansCount()).isEqualTo(100);
    assertThat(request.getResourceSpans(0).getResource().getAttributesList())
        .extracting(KeyValue::getKey)
        .contains("service.name", "service.version", "host.name")
        .hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void everySpanCarriesRequestedAttributesWithUniqueKeys() {
    for (int attributes : new int[] {0, 3, 10, 25}) {
      List<Span> spans = spans(new PayloadFactory(20, attributes).create(3));

      assertThat(spans)
          .allSatisfy(
              span -> {
                assertThat(span.getAttributesCount()).isEqualTo(attributes);
                assertThat(span.getAttributesList().stream().map(KeyValue::getKey).distinct())
                    .hasSize(attributes);
              });
    }
  }

  @Test
  void spansHaveOtlpIdLengthsTimesAndStatus() {
    assertThat(spans(new PayloadFactory(30, 10).create(5)))
        .allSatisfy(
            span -> {
              assertThat(span.getTraceId().size()).isEqualTo(16);
              assertThat(span.getSpanId().size()).isEqualTo(8);
              assertThat(span.getName()).isNotEmpty();
              assertThat(span.getEndTimeUnixNano()).isGreaterThan(span.getStartTimeUnixNano());
              assertThat(span.hasStatus()).isTrue();
            });
  }

  @Test
  void childSpansPointAtASpanOfTheSameTrace() {
    List<Span> spans = spans(new PayloadFactory(40, 2).create(9));
    Set<ByteString> seen = new HashSet<>();
    int roots = 0;
    for (Span span : spans) {
      if (span.getParentSpanId().isEmpty()) {
        roots++;
      } else {
        assertThat(seen).contains(span.getTraceId().concat(span.getParentSpanId()));
      }
      seen.add(span.getTraceId().concat(span.getSpanId()));
    }
    assertThat(roots).isGreaterThan(1).isLessThan(spans.size());
  }

  @Test
  void poolHoldsDistinctRequests() {
    List<ExportTraceServiceRequest> pool = new PayloadFactory(10, 2).createPool(4, 100);

    assertThat(new HashSet<>(pool)).hasSize(4);
  }

  @Test
  void refusesEmptyRequests() {
    assertThatThrownBy(() -> new PayloadFactory(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spans per request");
  }

  private static List<Span> spans(ExportTraceServiceRequest request) {
    return request.getResourceSpans(0).getScopeSpans(0).getSpansList();
  }
}
