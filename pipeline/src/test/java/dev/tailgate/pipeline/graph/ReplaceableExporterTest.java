package dev.tailgate.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestBatches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplaceableExporterTest {
  private final ExportTraceServiceRequest request = TestBatches.traces(1, 1, 2);

  @Test
  void sendsToTheNewInstanceOnceReplaced() {
    RoomExporter<ExportTraceServiceRequest> first = new RoomExporter<>("first", 10);
    RoomExporter<ExportTraceServiceRequest> second = new RoomExporter<>("second", 10);
    ReplaceableExporter<ExportTraceServiceRequest> place =
        new ReplaceableExporter<>("otlp (traces)", Signal.TRACES, first);
    place.consume(Batches.of(request));

    place.replace(() -> second);
    place.consume(Batches.of(request));

    assertThat(first.committed()).hasSize(1);
    assertThat(second.committed()).hasSize(1);
    assertThat(place.current()).isSameAs(second);
  }

  @Test
  void refusesRetryablyWhileTheNewInstanceIsBeingBuilt() throws Exception {
    ReplaceableExporter<ExportTraceServiceRequest> place =
        new ReplaceableExporter<>("otlp (traces)", Signal.TRACES, new RoomExporter<>("first", 10));
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RoomExporter<ExportTraceServiceRequest> second = new RoomExporter<>("second", 10);
    CompletableFuture<Void> replacing =
        CompletableFuture.runAsync(
            () ->
                place.replace(
                    () -> {
                      building.countDown();
                      await(release);
                      return second;
                    }));
    assertThat(building.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> place.consume(Batches.of(request)))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("being rebuilt");

    release.countDown();
    replacing.get(5, TimeUnit.SECONDS);
    place.consume(Batches.of(request));
    assertThat(second.committed()).hasSize(1);
  }

  @Test
  void aRebuildThatFailsKeepsTheRunningInstance() {
    RoomExporter<ExportTraceServiceRequest> first = new RoomExporter<>("first", 10);
    ReplaceableExporter<ExportTraceServiceRequest> place =
        new ReplaceableExporter<>("otlp (traces)", Signal.TRACES, first);

    assertThatThrownBy(
            () ->
                place.replace(
                    () -> {
                      throw new IllegalStateException("cannot read the new CA file");
                    }))
        .hasMessageContaining("CA file");
    place.consume(Batches.of(request));

    assertThat(place.current()).isSameAs(first);
    assertThat(first.committed()).hasSize(1);
  }

  @Test
  void aReservationUnderWayIsCommittedToTheInstanceThatGaveIt() {
    RoomExporter<ExportTraceServiceRequest> first = new RoomExporter<>("first", 10);
    ReplaceableExporter<ExportTraceServiceRequest> place =
        new ReplaceableExporter<>("otlp (traces)", Signal.TRACES, first);
    Exporter.Reservation reserved = place.reserve(Batches.of(request));
    CompletableFuture<Void> replacing =
        CompletableFuture.runAsync(() -> place.replace(() -> new RoomExporter<>("second", 10)));

    reserved.commit();
    replacing.join();

    assertThat(first.committed()).hasSize(1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
