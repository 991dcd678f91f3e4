package dev.tailgate.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.ExporterHelper;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExporterFanOutTest {
  private final ExportTraceServiceRequest batch = TestBatches.traces(1, 1, 3);

  @Test
  void admitsABatchToEveryExporterThatHasRoom() {
    RoomExporter<ExportTraceServiceRequest> first = new RoomExporter<>("first", 2);
    RoomExporter<ExportTraceServiceRequest> second = new RoomExporter<>("second", 2);

    new ExporterFanOut<>(List.of(first, second)).consume(Batches.of(batch));

    assertThat(first.committed()).containsExactly(batch);
    assertThat(second.committed()).containsExactly(batch);
  }

  @Test
  void oneFullQueueRefusesTheBatchForAllAndFreesTheOthersRoom() {
    RoomExporter<ExportTraceServiceRequest> healthy = new RoomExporter<>("healthy", 2);
    RoomExporter<ExportTraceServiceRequest> full = new RoomExporter<>("full", 0);
    RoomExporter<ExportTraceServiceRequest> after = new RoomExporter<>("after", 2);
    ExporterFanOut<ExportTraceServiceRequest> fanOut =
        new ExporterFanOut<>(List.of(healthy, full, after));

    assertThatThrownBy(() -> fanOut.consume(Batches.of(batch)))
        .isInstanceOf(RetryableException.class)
        .hasMessage("full is full");

    assertThat(healthy.committed()).isEmpty();
    assertThat(after.committed()).isEmpty();
    assertThat(healthy.cancelled()).isEqualTo(1);
    assertThat(healthy.room()).isEqualTo(2);
    assertThat(after.room()).isEqualTo(2);
    assertThat(full.cancelled()).isZero();
  }

  @Test
  void aSingleExportersRefusalReachesTheCaller() {
    RoomExporter<ExportTraceServiceRequest> full = new RoomExporter<>("full", 0);

    assertThatThrownBy(() -> new ExporterFanOut<>(List.of(full)).consume(Batches.of(batch)))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void aFailedCommitCancelsTheReservationsNotYetCommitted() {
    Exporter<ExportTraceServiceRequest> synchronous =
        new Exporter<>() {
          @Override
          public void consume(Batch<ExportTraceServiceRequest> ignored) {
            throw new PermanentException("backend refused");
          }
        };
    RoomExporter<ExportTraceServiceRequest> queued = new RoomExporter<>("queued", 1);
    ExporterFanOut<ExportTraceServiceRequest> fanOut =
        new ExporterFanOut<>(List.of(synchronous, queued));

    assertThatThrownBy(() -> fanOut.consume(Batches.of(batch))).hasMessage("backend refused");

    assertThat(queued.committed()).isEmpty();
    assertThat(queued.cancelled()).isEqualTo(1);
    assertThat(queued.room()).isEqualTo(1);
  }

  @Test
  void withExporterHelpersAFullQueueLeavesTheOtherQueueUntouched() {
    AtomicInteger sends = new AtomicInteger();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ExporterHelper<ExportTraceServiceRequest> healthy =
        helper("healthy", 1, meters, (b, t) -> sends.incrementAndGet());
    ExporterHelper<ExportTraceServiceRequest> full =
        helper("full", 1, meters, (b, t) -> sends.incrementAndGet());
    healthy.start();
    full.start();
    Exporter.Reservation holdsTheOnlyRoom = full.reserve(Batches.of(batch));

    ExporterFanOut<ExportTraceServiceRequest> fanOut = new ExporterFanOut<>(List.of(healthy, full));
    assertThatThrownBy(() -> fanOut.consume(Batches.of(batch)))
        .isInstanceOf(RetryableException.class);

    // the healthy exporter's one place is free again: a reservation there now succeeds
    healthy.reserve(Batches.of(batch)).cancel();
    holdsTheOnlyRoom.cancel();
    healthy.shutdown();
    full.shutdown();
    assertThat(sends.get()).isZero();
    assertThat(meters.counter("tailgate.exporter.enqueue_failed.spans", "exporter", "full").count())
        .isEqualTo(3);
    assertThat(
            meters.counter("tailgate.exporter.enqueue_failed.spans", "exporter", "healthy").count())
        .isZero();
  }

  private static ExporterHelper<ExportTraceServiceRequest> helper(
      String id,
      int queueSize,
      SimpleMeterRegistry meters,
      dev.tailgate.pipeline.exporterhelper.Sender<ExportTraceServiceRequest> sender) {
    ComponentSettings settings =
        new ComponentSettings(
            ComponentId.parse(id), meters, Clock.systemUTC(), null, Duration.ofSeconds(5));
    ExporterSettings exporterSettings =
        new ExporterSettings(
            Duration.ofSeconds(1), new QueueConfig(true, 1, queueSize), RetryConfig.DEFAULT);
    return new ExporterHelper<>(
        settings, Signal.TRACES, exporterSettings, sender, new Component() {});
  }
}
