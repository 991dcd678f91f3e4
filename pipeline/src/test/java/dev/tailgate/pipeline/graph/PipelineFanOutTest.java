package dev.tailgate.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineFanOutTest {
  private final ExportTraceServiceRequest batch = TestBatches.traces(1, 1, 2);

  @Test
  void handsEachBatchToEveryPipeline() {
    SinkConsumer<ExportTraceServiceRequest> first = new SinkConsumer<>(Signal.TRACES);
    SinkConsumer<ExportTraceServiceRequest> second = new SinkConsumer<>(Signal.TRACES);

    new PipelineFanOut<>(List.of(first, second)).consume(Batches.of(batch));

    assertThat(first.batches()).containsExactly(batch);
    assertThat(second.batches()).containsExactly(batch);
  }

  @Test
  void aRefusingPipelineDoesNotStopTheOthersAndTheFirstRefusalReachesTheCaller() {
    Consumer<ExportTraceServiceRequest> busy =
        b -> {
          throw new RetryableException("busy");
        };
    Consumer<ExportTraceServiceRequest> broken =
        b -> {
          throw new PermanentException("broken");
        };
    SinkConsumer<ExportTraceServiceRequest> healthy = new SinkConsumer<>(Signal.TRACES);

    assertThatThrownBy(
            () -> new PipelineFanOut<>(List.of(busy, healthy, broken)).consume(Batches.of(batch)))
        .isInstanceOf(RetryableException.class)
        .hasMessage("busy");
    assertThat(healthy.batches()).containsExactly(batch);
  }
}
