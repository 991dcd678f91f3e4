package dev.tailgate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.Test;

class SignalTest {

  @Test
  void findsEachSignalByItsPipelineName() {
    assertThat(Signal.byName("traces")).isSameAs(Signal.TRACES);
    assertThat(Signal.byName("metrics")).isSameAs(Signal.METRICS);
    assertThat(Signal.byName("logs")).isSameAs(Signal.LOGS);
    assertThat(Signal.ALL).containsExactly(Signal.TRACES, Signal.METRICS, Signal.LOGS);
  }

  @Test
  void unknownNameListsTheKnownSignals() {
    assertThatThrownBy(() -> Signal.byName("spans"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown signal \"spans\" (expected traces, metrics or logs)");
  }

  @Test
  void encodeGivesWhatParseReadsBack() throws Exception {
    ExportTraceServiceRequest traces = TestBatches.traces(2, 2, 3);

    assertThat(Signal.TRACES.parse(Signal.TRACES.encode(traces))).isEqualTo(traces);
    assertThat(Signal.LOGS.parse(Signal.LOGS.encode(TestBatches.logs(1, 2, 2))))
        .isEqualTo(TestBatches.logs(1, 2, 2));
  }
}
