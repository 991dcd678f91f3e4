package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exporter rebuilt by a config reload: what the old instance held reaches the new one's backend.
 */
class ExporterHandOverTest {
  private static final Signal<ExportTraceServiceRequest> TRACES = Signal.TRACES;

  /**
   * A real backoff, long enough that the batch in an attempt is still retrying when the rebuild
   * comes.
   */
  private static final RetryConfig RETRY =
      new RetryConfig(
          true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(5), 1.0, 0.0);

  @TempDir Path storage;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<ExporterHelper<?>> helpers = new ArrayList<>();
  private final AtomicInteger oldAttempts = new AtomicInteger();
  private final List<ExportTraceServiceRequest> delivered = new CopyOnWriteArrayList<>();
  private final List<ExportTraceServiceRequest> accepted =
      List.of(
          TestBatches.traces(1, 1, 3), TestBatches.traces(1, 2, 2), TestBatches.traces(1, 1, 5));

  @AfterEach
  void stopHelpers() {
    helpers.forEach(ExporterHelper::shutdown);
  }

  private ExporterHelper<ExportTraceServiceRequest> helper(
      QueueConfig queue, Sender<ExportTraceServiceRequest> sender) {
    ComponentSettings settings =
        new ComponentSettings(
            ComponentId.parse("otlp/backend"),
            meters,
            Clock.systemUTC(),
            null,
            Duration.ofSeconds(5));
    ExporterHelper<ExportTraceServiceRequest> helper =
        new ExporterHelper<>(
            settings,
            TRACES,
            new ExporterSettings(Duration.ofSeconds(1), queue, RETRY),
            sender,
            new Component() {});
    helpers.add(helper);
    return helper;
  }

  private Sender<ExportTraceServiceRequest> deadBackend() {
    return (batch, timeout) -> {
      oldAttempts.incrementAndGet();
      throw new RetryableException("connection refused");
    };
  }

  private Sender<ExportTraceServiceRequest> liveBackend() {
    return (batch, timeout) -> delivered.add(batch.request());
  }

  /** An old instance whose backend is down: one batch in its retry loop, the others waiting. */
  private ExporterHelper<ExportTraceServiceRequest> holdingEverything(QueueConfig queue) {
    ExporterHelper<ExportTraceServiceRequest> old = helper(queue, deadBackend());
    old.start();
    accepted.forEach(request -> old.consume(Batches.of(request)));
    await(() -> oldAttempts.get() >= 1);
    return old;
  }

  private int deliveredSpans() {
    return delivered.stream()
        .flatMap(request -> request.getResourceSpansList().stream())
        .flatMap(resource -> resource.getScopeSpansList().stream())
        .mapToInt(scope -> scope.getSpansCount())
        .sum();
  }

  @Test
  void aRebuiltExporterSendsWhatTheOldOneHadQueuedAndInItsRetryLoop() {
    QueueConfig inMemory = new QueueConfig(true, 1, 100);
    ExporterHelper<ExportTraceServiceRequest> old = holdingEverything(inMemory);

    old.stopSending();
    ExporterHelper<ExportTraceServiceRequest> rebuilt = helper(inMemory, liveBackend());
    rebuilt.start();
    old.handOverTo(rebuilt);

    await(() -> deliveredSpans() == 12);
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(old.queueSize()).isZero();
  }

  @Test
  void aRebuiltExporterOnTheSameDirectorySendsEveryStoredBatchOnce() throws Exception {
    QueueConfig persistent = new QueueConfig(true, 1, 100, new StorageConfig(storage.toString()));
    ExporterHelper<ExportTraceServiceRequest> old = holdingEverything(persistent);

    old.stopSending();
    ExporterHelper<ExportTraceServiceRequest> rebuilt = helper(persistent, liveBackend());
    rebuilt.start();
    old.handOverTo(rebuilt);

    await(() -> deliveredSpans() == 12);
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
    await(() -> storedFiles().isEmpty());
  }

  @Test
  void aHandedOverBatchIsLetInEvenBeyondTheNewQueueSize() {
    ExporterHelper<ExportTraceServiceRequest> old =
        holdingEverything(new QueueConfig(true, 1, 100));
    AtomicBoolean up = new AtomicBoolean();
    old.stopSending();
    ExporterHelper<ExportTraceServiceRequest> rebuilt =
        helper(
            new QueueConfig(true, 1, 1),
            (batch, timeout) -> {
              if (!up.get()) {
                throw new RetryableException("still starting");
              }
              delivered.add(batch.request());
            });
    rebuilt.start();
    old.handOverTo(rebuilt);
    up.set(true);

    await(() -> deliveredSpans() == 12);
    assertThat(delivered).hasSize(3);
  }

  @Test
  void resumingAfterAFailedRebuildSendsWhatItHeldItself() {
    AtomicBoolean up = new AtomicBoolean();
    ExporterHelper<ExportTraceServiceRequest> old =
        helper(
            new QueueConfig(true, 1, 100),
            (batch, timeout) -> {
              oldAttempts.incrementAndGet();
              if (!up.get()) {
                throw new RetryableException("connection refused");
              }
              delivered.add(batch.request());
            });
    old.start();
    accepted.forEach(request -> old.consume(Batches.of(request)));
    await(() -> oldAttempts.get() >= 1);

    old.stopSending();
    up.set(true);
    old.resumeSending();

    await(() -> deliveredSpans() == 12);
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
  }

  @Test
  void theQueueGaugesFollowTheRebuiltInstance() {
    QueueConfig inMemory = new QueueConfig(true, 1, 100);
    ExporterHelper<ExportTraceServiceRequest> old = holdingEverything(inMemory);
    old.stopSending();
    ExporterHelper<ExportTraceServiceRequest> rebuilt =
        helper(
            inMemory,
            (batch, timeout) -> {
              throw new RetryableException("down as well");
            });
    rebuilt.start();
    old.handOverTo(rebuilt);

    // One batch is in the new instance's retry loop, two wait in its queue.
    await(() -> meters.get("tailgate.exporter.queue.size").gauge().value() == 2.0);
    assertThat(meters.find("tailgate.exporter.queue.size").gauges()).hasSize(1);
  }

  private List<Path> storedFiles() {
    Path directory = storage.resolve("otlp_backend-traces");
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".batch")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
