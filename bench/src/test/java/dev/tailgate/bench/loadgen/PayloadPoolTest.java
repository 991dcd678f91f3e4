package dev.tailgate.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.bench.PayloadFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadPoolTest {
  private static List<Span> spans(byte[] bytes) throws Exception {
    return ExportTraceServiceRequest.parseFrom(bytes)
        .getResourceSpans(0)
        .getScopeSpans(0)
        .getSpansList();
  }

  @Test
  void repeatsTheSameBytesWithoutFreshTraceIds() {
    PayloadPool pool = new PayloadPool(new PayloadFactory(20, 2), 2, 7);

    assertThat(pool.encoded(0)).isSameAs(pool.encoded(2));
  }

  @Test
  void freshTraceIdsGiveEveryRequestNewTracesThatStillGroupTheirSpans() throws Exception {
    PayloadPool plain = new PayloadPool(new PayloadFactory(20, 2), 1, 7);
    PayloadPool fresh = new PayloadPool(new PayloadFactory(20, 2), 1, 7, true);

    List<Span> original = spans(plain.encoded(0));
    List<Span> first = spans(fresh.encoded(0));
    List<Span> second = spans(fresh.encoded(0));

    assertThat(first).hasSameSizeAs(original);
    for (int i = 0; i < original.size(); i++) {
      assertThat(first.get(i).getTraceId()).isNotEqualTo(original.get(i).getTraceId());
      assertThat(first.get(i).getTraceId()).isNotEqualTo(second.get(i).getTraceId());
      assertThat(first.get(i).toBuilder().setTraceId(original.get(i).getTraceId()).build())
          .isEqualTo(original.get(i));
      for (int j = 0; j < original.size(); j++) {
        boolean sameTrace = original.get(i).getTraceId().equals(original.get(j).getTraceId());
        assertThat(first.get(i).getTraceId().equals(first.get(j).getTraceId()))
            .isEqualTo(sameTrace);
      }
    }
  }
}
