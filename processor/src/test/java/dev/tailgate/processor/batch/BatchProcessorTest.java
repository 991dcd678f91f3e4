package dev.tailgate.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestSettings;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

  private final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

  private BatchProcessor<ExportTraceServiceRequest> processor(int size, int max, Consumer<ExportTraceServiceRequest> next) {
    return new BatchProcessor<>(
        TestSettings.of("batch"), new BatchConfig(size, max, Duration.ofHours(1)), Signal.TRACES, next);
  }

  static ExportTraceServiceRequest spans(String service, int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addSpans(
          Span.newBuilder()
              .setName(service + "-" + i)
              .setTraceId(ByteString.copyFrom(new byte[16]))
              .setSpanId(ByteString.copyFrom(new byte[8])));
    }
    Resource resource =
        Resource.newBuilder()
            .addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(AnyValue.newBuilder().setStringValue(service)))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  @Test
  void holdsItemsUntilSendBatchSizeIsReached() {
    var batch = processor(10, 0, sink);
    batch.consume(spans("a", 4));
    batch.consume(spans("b", 4));
    assertThat(sink.items()).isZero();

    batch.consume(spans("c", 4));

    assertThat(sink.batches()).hasSize(1);
    assertThat(sink.items()).isEqualTo(12);
    assertThat(sink.batches().get(0).getResourceSpansList())
        .extracting(rs -> rs.getResource().getAttributes(0).getValue().getStringValue())
        .containsExactly("a", "b", "c");
  }

  @Test
  void sendsWhatWaitsWhenTheTimerFires() {
    var batch = processor(100, 0, sink);
    batch.consume(spans("a", 3));

    batch.onTimeout();

    assertThat(sink.items()).isEqualTo(3);
    batch.onTimeout();
    assertThat(sink.batches()).hasSize(1);
  }

  @Test
  void splitsBatchesLargerThanSendBatchMaxSize() {
    var batch = processor(10, 10, sink);

    batch.consume(spans("a", 25));

    assertThat(sink.batches()).extracting(Signal.TRACES::count).containsExactly(10, 10, 5);
  }

  @Test
  void keepsRefusedDataAndDeliversItOnceTheNextComponentAcceptsAgain() {
    AtomicBoolean refusing = new AtomicBoolean(true);
    Consumer<ExportTraceServiceRequest> flaky =
        b -> {
          if (refusing.get()) {
            throw new RetryableException("queue full");
          }
          sink.consume(b);
        };
    var batch = processor(5, 0, flaky);

    batch.consume(spans("a", 5));
    batch.consume(spans("b", 5));
    assertThat(sink.items()).isZero();

    refusing.set(false);
    batch.onTimeout();

    assertThat(sink.items()).isEqualTo(10);
    assertThat(sink.batches()).hasSize(1);
  }

  @Test
  void refusesNewDataOncePendingReachesItsBoundWhileTheNextComponentRefuses() {
    var batch = processor(5, 0, b -> {
      throw new RetryableException("queue full");
    });
    // The bound is 4 x send_batch_size = 20 items.
    batch.consume(spans("a", 10));
    batch.consume(spans("b", 10));

    assertThatThrownBy(() -> batch.consume(spans("c", 1)))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("holds 20 items");
  }

  @Test
  void shutdownPassesOnEverythingBuffered() {
    var batch = processor(100, 0, sink);
    batch.start();
    batch.consume(spans("a", 7));

    batch.shutdown();
    batch.shutdown();

    assertThat(sink.items()).isEqualTo(7);
    assertThatThrownBy(() -> batch.consume(spans("b", 1))).isInstanceOf(RetryableException.class);
  }

  @Test
  void shutdownWithoutStartIsSafe() {
    processor(10, 0, sink).shutdown();
    assertThat(sink.items()).isZero();
  }
}
