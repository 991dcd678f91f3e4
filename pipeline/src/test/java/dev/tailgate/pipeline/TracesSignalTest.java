package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracesSignalTest {
  private final Signal<ExportTraceServiceRequest> traces = Signal.TRACES;

  /** A span with the resource and scope (without their children) it sits under. */
  private record Item(ResourceSpans resource, ScopeSpans scope, Span span) {}

  private static List<Item> items(ExportTraceServiceRequest batch) {
    List<Item> items = new ArrayList<>();
    for (ResourceSpans resource : batch.getResourceSpansList()) {
      ResourceSpans resourceOnly = resource.toBuilder().clearScopeSpans().build();
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        ScopeSpans scopeOnly = scope.toBuilder().clearSpans().build();
        for (Span span : scope.getSpansList()) {
          items.add(new Item(resourceOnly, scopeOnly, span));
        }
      }
    }
    return items;
  }

  private static List<Item> items(List<ExportTraceServiceRequest> batches) {
    List<Item> items = new ArrayList<>();
    batches.forEach(batch -> items.addAll(items(batch)));
    return items;
  }

  @Test
  void namesItsItemsSpans() {
    assertThat(traces.name()).isEqualTo("traces");
    assertThat(traces.itemName()).isEqualTo("spans");
    assertThat(Signal.byName("traces")).isSameAs(traces);
  }

  @Test
  void countsSpansOfEveryResourceAndScope() {
    assertThat(traces.count(TestBatches.traces(2, 3, 4))).isEqualTo(24);
    assertThat(traces.count(ExportTraceServiceRequest.getDefaultInstance())).isZero();
  }

  @Test
  void mergeKeepsTheOrderOfItsParts() {
    ExportTraceServiceRequest first = TestBatches.traces(1, 2, 2);
    ExportTraceServiceRequest second = TestBatches.traces(2, 1, 3);

    ExportTraceServiceRequest merged = traces.merge(List.of(first, second));

    List<ResourceSpans> expected = new ArrayList<>(first.getResourceSpansList());
    expected.addAll(second.getResourceSpansList());
    assertThat(merged.getResourceSpansList()).containsExactlyElementsOf(expected);
    assertThat(traces.count(merged)).isEqualTo(10);
  }

  @Test
  void mergeOfOnePartIsThatPart() {
    ExportTraceServiceRequest only = TestBatches.traces(1, 1, 3);
    assertThat(traces.merge(List.of(only))).isSameAs(only);
  }

  @ParameterizedTest(name = "at most {0} spans")
  @ValueSource(ints = {1, 4, 5, 6, 12, 24, 25, 1000})
  void splitKeepsEverySpanOnceInOrderUnderItsResourceAndScope(int maxItems) {
    ExportTraceServiceRequest batch = TestBatches.traces(2, 3, 4);

    List<ExportTraceServiceRequest> parts = traces.split(batch, maxItems);

    assertThat(parts).hasSize((24 + maxItems - 1) / maxItems);
    assertThat(parts).allSatisfy(part -> assertThat(traces.count(part)).isBetween(1, maxItems));
    assertThat(items(parts)).containsExactlyElementsOf(items(batch));
  }

  @Test
  void splitFillsEveryPartButTheLast() {
    List<ExportTraceServiceRequest> parts = traces.split(TestBatches.traces(2, 3, 4), 7);

    assertThat(parts).extracting(traces::count).containsExactly(7, 7, 7, 3);
  }

  @Test
  void splitOfABatchThatFitsReturnsItUnchanged() {
    ExportTraceServiceRequest batch = TestBatches.traces(2, 2, 2);

    assertThat(traces.split(batch, 8)).containsExactly(batch);
    assertThat(traces.split(batch, 100)).containsExactly(batch);
  }

  @Test
  void splitOfAnEmptyBatchGivesNoBatches() {
    assertThat(traces.split(ExportTraceServiceRequest.getDefaultInstance(), 10)).isEmpty();
  }

  @Test
  void splitRefusesANonPositiveLimit() {
    ExportTraceServiceRequest batch = TestBatches.traces(1, 1, 2);

    assertThatThrownBy(() -> traces.split(batch, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> traces.split(batch, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesItsOwnEncoding() throws Exception {
    ExportTraceServiceRequest batch = TestBatches.traces(1, 2, 3);
    assertThat(traces.parse(batch.toByteArray())).isEqualTo(batch);
  }
}
