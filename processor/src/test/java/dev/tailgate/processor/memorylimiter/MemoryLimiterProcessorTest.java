package dev.tailgate.processor.memorylimiter;

import static dev.tailgate.processor.memorylimiter.FakeMemory.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.SinkConsumer;
import dev.tailgate.pipeline.testing.TestBatches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryLimiterProcessorTest {
  private final FakeMemory memory = new FakeMemory(1000 * MIB);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MemoryLimiterProcessorFactory factory =
      new MemoryLimiterProcessorFactory(memory, memory::gc);
  private final SinkConsumer<ExportTraceServiceRequest> traces = new SinkConsumer<>(Signal.TRACES);
  private final SinkConsumer<ExportLogsServiceRequest> logs = new SinkConsumer<>(Signal.LOGS);

  /** Limit 100 MiB, spike 20 MiB: soft limit 80 MiB; the timer would first fire after an hour. */
  private final MemoryLimiterConfig config =
      new MemoryLimiterConfig(Duration.ofHours(1), 100, 20, null, null);

  private final ComponentSettings settings =
      TestSettings.of("memory_limiter", meters, Clock.systemUTC());
  private final Processor<ExportTraceServiceRequest> processor =
      factory.create(settings, config, Signal.TRACES, traces);

  @AfterEach
  void stop() {
    processor.shutdown();
  }

  @Test
  void passesDataOnUnchangedWhileBelowTheSoftLimit() {
    memory.use(50);
    processor.start();
    ExportTraceServiceRequest batch = TestBatches.traces(2, 1, 3);

    processor.consume(Batches.of(batch));

    assertThat(traces.batches()).singleElement().isSameAs(batch);
  }

  @Test
  void passesTheVeryBatchOnWithoutParsingIt() {
    memory.use(50);
    List<Batch<ExportTraceServiceRequest>> passed = new ArrayList<>();
    Processor<ExportTraceServiceRequest> limiter =
        factory.create(
            settings,
            config,
            Signal.TRACES,
            batch -> {
              passed.add(batch);
              batch.release();
            });
    limiter.start();
    // Bytes that do not parse: a limiter that looked inside would fail on them.
    Batch<ExportTraceServiceRequest> unparsable =
        Batch.ofWire(
            Signal.TRACES, ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x01}), 3, Lease.NONE);

    limiter.consume(unparsable);
    limiter.shutdown();

    assertThat(passed).singleElement().isSameAs(unparsable);
  }

  @Test
  void countsARefusedBatchWithoutParsingIt() {
    memory.use(90);
    processor.start();
    Batch<ExportTraceServiceRequest> unparsable =
        Batch.ofWire(
            Signal.TRACES, ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x01}), 5, Lease.NONE);

    assertThatThrownBy(() -> processor.consume(unparsable)).isInstanceOf(RetryableException.class);
    assertThat(meters.get("tailgate.processor.memory_limiter.refused.spans").counter().count())
        .isEqualTo(5.0);
  }

  @Test
  void refusesWithARetryDelayAboveTheSoftLimitAndCountsTheRefusedItems() {
    memory.use(90);
    processor.start();

    assertThatThrownBy(() -> processor.consume(Batches.of(TestBatches.traces(2, 1, 3))))
        .isInstanceOfSatisfying(
            RetryableException.class,
            e -> {
              assertThat(e.getMessage()).contains("90 MiB", "soft limit 80 MiB");
              assertThat(e.retryAfter()).contains(Duration.ofHours(1));
            });
    assertThat(traces.items()).isZero();
    assertThat(
            meters
                .get("tailgate.processor.memory_limiter.refused.spans")
                .tag("processor", "memory_limiter")
                .counter()
                .count())
        .isEqualTo(6.0);
  }

  @Test
  void acceptsAgainOnceTheCheckSeesUseBelowTheSoftLimit() {
    memory.use(90);
    processor.start();
    assertThatThrownBy(() -> processor.consume(Batches.of(TestBatches.traces(1, 1, 1))))
        .isInstanceOf(RetryableException.class);

    memory.use(40);
    factory.checkerFor(settings, config).check();
    processor.consume(Batches.of(TestBatches.traces(1, 1, 1)));

    assertThat(traces.items()).isEqualTo(1);
  }

  @Test
  void whileRefusingEachCheckRequestsACollectionSoAQuietHeapIsSeenToEmpty() {
    memory.use(90);
    processor.start();
    assertThatThrownBy(() -> processor.consume(Batches.of(TestBatches.traces(1, 1, 1))))
        .isInstanceOf(RetryableException.class);
    int before = memory.gcRequests();

    memory.gcWouldFree(40);
    factory.checkerFor(settings, config).check();
    processor.consume(Batches.of(TestBatches.traces(1, 1, 1)));

    assertThat(memory.gcRequests()).isEqualTo(before + 1);
    assertThat(traces.items()).isEqualTo(1);
  }

  @Test
  void processorsOfOneIdShareTheirVerdictAcrossSignals() {
    Processor<ExportLogsServiceRequest> logsProcessor =
        factory.create(settings, config, Signal.LOGS, logs);
    memory.use(90);
    processor.start();
    logsProcessor.start();

    assertThatThrownBy(() -> logsProcessor.consume(Batches.of(TestBatches.logs(1, 1, 4))))
        .isInstanceOf(RetryableException.class);
    assertThat(
            meters.get("tailgate.processor.memory_limiter.refused.log_records").counter().count())
        .isEqualTo(4.0);

    processor.shutdown();
    assertThat(factory.checkerFor(settings, config).running()).isTrue();
    logsProcessor.shutdown();
    assertThat(factory.checkerFor(settings, config).running()).isFalse();
  }

  @Test
  void otherIdsDecideOnTheirOwn() {
    ComponentSettings roomySettings =
        TestSettings.of("memory_limiter/roomy", meters, Clock.systemUTC());
    MemoryLimiterConfig roomy = new MemoryLimiterConfig(Duration.ofHours(1), 500, 0, null, null);
    Processor<ExportLogsServiceRequest> roomyProcessor =
        factory.create(roomySettings, roomy, Signal.LOGS, logs);
    memory.use(90);
    processor.start();
    roomyProcessor.start();

    roomyProcessor.consume(Batches.of(TestBatches.logs(1, 1, 2)));

    assertThat(logs.items()).isEqualTo(2);
    assertThatThrownBy(() -> processor.consume(Batches.of(TestBatches.traces(1, 1, 1))))
        .isInstanceOf(RetryableException.class);
    roomyProcessor.shutdown();
  }

  @Test
  void shutdownWithoutStartIsSafeAndIdempotent() {
    processor.shutdown();
    processor.shutdown();

    assertThat(factory.checkerFor(settings, config).running()).isFalse();
  }
}
