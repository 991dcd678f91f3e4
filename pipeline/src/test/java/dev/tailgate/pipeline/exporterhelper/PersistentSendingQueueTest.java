package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigException;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter helper with {@code sending_queue.storage}: a crash is simulated by leaving a helper
 * running (no shutdown) and starting a second one on the same directory, as a restarted gateway
 * would.
 */
class PersistentSendingQueueTest {
  private static final Signal<ExportTraceServiceRequest> TRACES = Signal.TRACES;
  private static final RetryConfig RETRY =
      new RetryConfig(
          true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(20), 2.0, 0.0);
  private static final Duration DRAIN_ALL = Duration.ofSeconds(10);
  private static final Duration NO_DRAIN = Duration.ZERO;
  private static final Component NO_CLIENT = new Component() {};

  @TempDir Path storage;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ManualClock clock = new ManualClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final List<ExporterHelper<?>> helpers = new ArrayList<>();

  private final ExportTraceServiceRequest three = TestBatches.traces(1, 1, 3);
  private final ExportTraceServiceRequest four = TestBatches.traces(1, 2, 2);
  private final ExportTraceServiceRequest five = TestBatches.traces(1, 1, 5);

  @AfterEach
  void stopHelpers() {
    helpers.forEach(ExporterHelper::shutdown);
  }

  private QueueConfig persistentQueue(int size) {
    return new QueueConfig(true, 1, size, new StorageConfig(storage.toString()));
  }

  private ExporterHelper<ExportTraceServiceRequest> helper(
      QueueConfig queue, Sender<ExportTraceServiceRequest> sender, Duration drainTimeout) {
    ComponentSettings settings =
        new ComponentSettings(ComponentId.parse("otlp/backend"), meters, clock, null, drainTimeout);
    ExporterHelper<ExportTraceServiceRequest> helper =
        new ExporterHelper<>(
            settings,
            TRACES,
            new ExporterSettings(Duration.ofSeconds(1), queue, RETRY),
            sender,
            NO_CLIENT,
            sleeper);
    helpers.add(helper);
    return helper;
  }

  /** A helper whose one consumer hangs in its first send, leaving the rest queued: then "crash". */
  private BlockingSender<ExportTraceServiceRequest> crashedWhileSending(
      int queueSize, List<ExportTraceServiceRequest> batches) throws InterruptedException {
    BlockingSender<ExportTraceServiceRequest> hanging = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> first =
        helper(persistentQueue(queueSize), hanging, NO_DRAIN);
    first.start();
    first.consume(Batches.of(batches.get(0)));
    hanging.awaitFirstAttempt();
    batches.subList(1, batches.size()).forEach(batch -> first.consume(Batches.of(batch)));
    return hanging;
  }

  private Path exporterDirectory() {
    return storage.resolve("otlp_backend-traces");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(exporterDirectory())) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  private double counter(String name) {
    return meters
        .counter("tailgate.exporter." + name + ".spans", "exporter", "otlp/backend")
        .count();
  }

  @Test
  void aRestartedHelperSendsWhatACrashedOneHadQueuedAndInFlight() throws Exception {
    crashedWhileSending(10, List.of(three, four, five));
    assertThat(files()).hasSize(3);

    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> restarted =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    assertThat(restarted.queueSize()).isEqualTo(3);
    restarted.start();
    restarted.shutdown();

    assertThat(backend.sink().batches()).containsExactly(three, four, five);
    assertThat(counter("sent")).isEqualTo(12);
  }

  @Test
  void aRestartedHelperSendsStoredBatchesUnderTheTenantTheyCameFrom() throws Exception {
    BlockingSender<ExportTraceServiceRequest> hanging = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> first =
        helper(persistentQueue(10), hanging, NO_DRAIN);
    first.start();
    first.consume(Batches.of(three));
    hanging.awaitFirstAttempt();
    first.consume(Batches.of(four).from("équipe/a+b"));
    first.consume(Batches.of(five));

    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> restarted =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    restarted.start();
    restarted.shutdown();

    assertThat(backend.sink().batches()).containsExactly(three, four, five);
    assertThat(backend.sink().tenants()).containsExactly("", "équipe/a+b", "");
  }

  @Test
  void storedBatchesAreSentInTheOrderTheyWereAccepted() throws Exception {
    List<ExportTraceServiceRequest> batches = new ArrayList<>();
    for (int spans = 1; spans <= 12; spans++) {
      batches.add(TestBatches.traces(1, 1, spans));
    }
    crashedWhileSending(20, batches);

    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> restarted =
        helper(persistentQueue(20), backend, DRAIN_ALL);
    restarted.start();
    restarted.shutdown();

    assertThat(backend.sink().batches()).containsExactlyElementsOf(batches);
  }

  @Test
  void aBatchFileIsDeletedOnceTheBatchIsSent() throws Exception {
    BlockingSender<ExportTraceServiceRequest> backend = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    helper.start();
    helper.consume(Batches.of(three));
    backend.awaitFirstAttempt();
    helper.consume(Batches.of(four));
    assertThat(files()).containsExactly("0-3.batch", "1-4.batch");

    backend.release();
    helper.shutdown();

    assertThat(backend.sink().batches()).containsExactly(three, four);
    assertThat(files()).isEmpty();
  }

  @Test
  void aBatchFileIsDeletedWhenTheBatchFailsForGood() throws Exception {
    ScriptedSender<ExportTraceServiceRequest> backend =
        ScriptedSender.failingFirst(TRACES, new PermanentException("400 bad request"));
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    helper.start();
    helper.consume(Batches.of(three));
    helper.shutdown();

    assertThat(counter("send_failed")).isEqualTo(3);
    assertThat(files()).isEmpty();
  }

  @Test
  void pastTheDrainDeadlineBatchesStayOnDiskUncountedAndAreSentAfterTheNextStart()
      throws Exception {
    BlockingSender<ExportTraceServiceRequest> hanging = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(10), hanging, Duration.ofMillis(100));
    helper.start();
    helper.consume(Batches.of(three));
    hanging.awaitFirstAttempt();
    helper.consume(Batches.of(four));

    helper.shutdown();

    assertThat(counter("send_failed")).isZero();
    assertThat(files()).hasSize(2);

    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> next =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    next.start();
    next.shutdown();
    assertThat(backend.sink().batches()).containsExactly(three, four);
    assertThat(files()).isEmpty();
  }

  @Test
  void anUnreadableBatchFileIsSetAsideAndAPartialWriteRemoved() throws Exception {
    Files.createDirectories(exporterDirectory());
    Files.write(
        exporterDirectory().resolve("0.batch"), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    Files.write(exporterDirectory().resolve("1.batch"), four.toByteArray());
    Files.write(exporterDirectory().resolve("batch-123.tmp"), new byte[] {0x0a, 0x7f});

    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    helper.start();
    helper.consume(Batches.of(five));
    helper.shutdown();

    assertThat(backend.sink().batches()).containsExactly(four, five);
    assertThat(files()).containsExactly("0.batch.corrupt");
  }

  @Test
  void aFullPersistentQueueRefusesLikeAnInMemoryOne() throws Exception {
    BlockingSender<ExportTraceServiceRequest> backend = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(1), backend, DRAIN_ALL);
    helper.start();
    helper.consume(Batches.of(three));
    backend.awaitFirstAttempt();
    helper.consume(Batches.of(four));

    assertThatThrownBy(() -> helper.consume(Batches.of(five)))
        .isInstanceOfSatisfying(
            RetryableException.class, e -> assertThat(e.retryAfter()).isPresent())
        .hasMessageContaining("sending queue of exporter otlp/backend/traces is full (1 requests)");
    assertThat(counter("enqueue_failed")).isEqualTo(5);
    assertThat(helper.queueSize()).isEqualTo(1);
    assertThat(
            meters.get("tailgate.exporter.queue.size").tag("data_type", "traces").gauge().value())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tailgate.exporter.queue.capacity")
                .tag("data_type", "traces")
                .gauge()
                .value())
        .isEqualTo(1);
    assertThat(files()).hasSize(2);

    backend.release();
    helper.shutdown();
    assertThat(backend.sink().batches()).containsExactly(three, four);
  }

  @Test
  void aCancelledReservationLeavesNoFileAndGivesItsRoomBack() throws Exception {
    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(1), backend, DRAIN_ALL);
    helper.start();

    Exporter.Reservation held = helper.reserve(Batches.of(three));
    assertThatThrownBy(() -> helper.reserve(Batches.of(four)))
        .isInstanceOf(RetryableException.class);
    held.cancel();
    assertThat(files()).isEmpty();
    helper.reserve(Batches.of(four)).commit();
    helper.shutdown();

    assertThat(backend.sink().batches()).containsExactly(four);
    assertThat(files()).isEmpty();
  }

  @Test
  void moreStoredBatchesThanQueueSizeAreAllSentAndNewOnesRefusedUntilThereIsRoom()
      throws Exception {
    crashedWhileSending(10, List.of(three, four, five, three));

    BlockingSender<ExportTraceServiceRequest> backend = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> restarted =
        helper(persistentQueue(2), backend, DRAIN_ALL);
    restarted.start();
    backend.awaitFirstAttempt();
    assertThatThrownBy(() -> restarted.consume(Batches.of(five)))
        .isInstanceOf(RetryableException.class);

    backend.release();
    restarted.shutdown();
    assertThat(backend.sink().batches()).containsExactly(three, four, five, three);
  }

  @Test
  void aBatchThatCannotBeStoredIsRefusedRetryablyAndHoldsNoRoom() throws Exception {
    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(persistentQueue(1), backend, DRAIN_ALL);
    helper.start();
    // Like a full disk: the directory can no longer take files.
    Files.delete(exporterDirectory());

    assertThatThrownBy(() -> helper.consume(Batches.of(three)))
        .isInstanceOfSatisfying(
            RetryableException.class, e -> assertThat(e.retryAfter()).isPresent())
        .hasMessageContaining(
            "sending queue of exporter otlp/backend/traces cannot store the batch");
    assertThat(counter("enqueue_failed")).isEqualTo(3);

    Files.createDirectories(exporterDirectory());
    helper.consume(Batches.of(four));
    helper.shutdown();
    assertThat(backend.sink().batches()).containsExactly(four);
  }

  @Test
  void aBatchLoadedFromDiskIsSentInTheBytesItWasStoredIn() throws Exception {
    crashedWhileSending(10, List.of(three));

    ScriptedSender<ExportTraceServiceRequest> backend = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> restarted =
        helper(persistentQueue(10), backend, DRAIN_ALL);
    restarted.start();
    restarted.shutdown();

    assertThat(backend.sink().wires()).hasSize(1);
    assertThat(backend.sink().wires().get(0).toByteArray()).isEqualTo(three.toByteArray());
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsAConfigErrorNamingTheKey() throws Exception {
    Path file = Files.writeString(storage.resolve("a-file"), "not a directory");
    QueueConfig queue =
        new QueueConfig(true, 1, 10, new StorageConfig(file.resolve("queue").toString()));

    assertThatThrownBy(() -> helper(queue, ScriptedSender.failingFirst(TRACES), DRAIN_ALL))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "exporters.otlp/backend.sending_queue.storage.directory: cannot use "
                + file.resolve("queue"));
  }

  @Test
  void eachExporterAndSignalHasItsOwnDirectory() {
    assertThat(QueueDirectory.nameOf(ComponentId.parse("otlp/backend"), Signal.TRACES))
        .isEqualTo("otlp_backend-traces");
    assertThat(QueueDirectory.nameOf(ComponentId.parse("otlp"), Signal.LOGS))
        .isEqualTo("otlp-logs");
    assertThat(QueueDirectory.nameOf(ComponentId.parse("otlp/eu west/2"), Signal.METRICS))
        .isEqualTo("otlp_eu_west_2-metrics");
  }
}
