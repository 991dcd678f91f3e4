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
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExporterHelperTest {
  private static final Signal<ExportTraceServiceRequest> TRACES = Signal.TRACES;
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** No jitter, so delays are exact: 1s, 2s, 4s, 8s, 10s, 10s, ... */
  private static final RetryConfig RETRY =
      new RetryConfig(
          true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(20), 2.0, 0.0);

  private static final RetryConfig NO_RETRY = new RetryConfig(false, null, null, null, null, null);
  private static final QueueConfig NO_QUEUE = new QueueConfig(false, null, null);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ManualClock clock = new ManualClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final LifecycleOfClient client = new LifecycleOfClient();
  private final List<ExporterHelper<?>> helpers = new ArrayList<>();

  private final ExportTraceServiceRequest three = TestBatches.traces(1, 1, 3);
  private final ExportTraceServiceRequest four = TestBatches.traces(1, 2, 2);
  private final ExportTraceServiceRequest five = TestBatches.traces(1, 1, 5);

  @AfterEach
  void stopHelpers() {
    helpers.forEach(ExporterHelper::shutdown);
  }

  /** Counts the calls the helper makes on the client it wraps. */
  static final class LifecycleOfClient implements Component {
    int starts;
    int shutdowns;

    @Override
    public synchronized void start() {
      starts++;
    }

    @Override
    public synchronized void shutdown() {
      shutdowns++;
    }
  }

  private static QueueConfig queue(int consumers, int size) {
    return new QueueConfig(true, consumers, size);
  }

  private ExporterHelper<ExportTraceServiceRequest> helper(
      QueueConfig queue, RetryConfig retry, Sender<ExportTraceServiceRequest> sender) {
    return helper(queue, retry, sender, Duration.ofSeconds(10));
  }

  private ExporterHelper<ExportTraceServiceRequest> helper(
      QueueConfig queue,
      RetryConfig retry,
      Sender<ExportTraceServiceRequest> sender,
      Duration drainTimeout) {
    ComponentSettings settings =
        new ComponentSettings(ComponentId.parse("otlp/backend"), meters, clock, null, drainTimeout);
    ExporterHelper<ExportTraceServiceRequest> helper =
        new ExporterHelper<>(
            settings, TRACES, new ExporterSettings(TIMEOUT, queue, retry), sender, client, sleeper);
    helpers.add(helper);
    return helper;
  }

  private double counter(String name) {
    return meters
        .counter("tailgate.exporter." + name + ".spans", "exporter", "otlp/backend")
        .count();
  }

  // --- the queue

  @Test
  void aFullQueueRefusesRetryablyWithAHintAndCountsEnqueueFailed() throws Exception {
    BlockingSender<ExportTraceServiceRequest> sender = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper = helper(queue(1, 1), RETRY, sender);
    helper.start();
    helper.consume(Batches.of(three));
    sender.awaitFirstAttempt();
    helper.consume(Batches.of(four));

    assertThatThrownBy(() -> helper.consume(Batches.of(five)))
        .isInstanceOfSatisfying(
            RetryableException.class, e -> assertThat(e.retryAfter()).isPresent())
        .hasMessageContaining("sending queue of exporter otlp/backend/traces is full (1 requests)");
    assertThat(counter("enqueue_failed")).isEqualTo(5);
    assertThat(helper.queueSize()).isEqualTo(1);
    assertThat(helper.queueCapacity()).isEqualTo(1);

    sender.release();
    helper.shutdown();
    assertThat(sender.sink().batches()).containsExactly(three, four);
    assertThat(counter("sent")).isEqualTo(7);
  }

  @Test
  void aCancelledReservationGivesItsRoomBack() {
    ScriptedSender<ExportTraceServiceRequest> sender = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper = helper(queue(1, 1), RETRY, sender);
    helper.start();

    Exporter.Reservation held = helper.reserve(Batches.of(three));
    assertThatThrownBy(() -> helper.reserve(Batches.of(four)))
        .isInstanceOf(RetryableException.class);
    held.cancel();
    helper.reserve(Batches.of(four)).commit();
    helper.shutdown();

    assertThat(sender.sink().batches()).containsExactly(four);
    assertThat(counter("enqueue_failed")).isEqualTo(4);
    assertThat(counter("sent")).isEqualTo(4);
  }

  @Test
  void reportsItsQueueAsGauges() {
    helper(queue(2, 50), RETRY, ScriptedSender.failingFirst(TRACES));

    assertThat(
            meters
                .get("tailgate.exporter.queue.capacity")
                .tag("data_type", "traces")
                .gauge()
                .value())
        .isEqualTo(50);
    assertThat(
            meters
                .get("tailgate.exporter.queue.size")
                .tag("exporter", "otlp/backend")
                .gauge()
                .value())
        .isZero();
  }

  // --- retries

  @Test
  void aRetryableFailureIsRetriedAndTheBatchSentOnce() {
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingFirst(TRACES, new RetryableException("503 unavailable"));
    ExporterHelper<ExportTraceServiceRequest> helper = helper(queue(1, 10), RETRY, sender);
    helper.start();

    helper.consume(Batches.of(three));
    helper.shutdown();

    assertThat(sender.attempts()).isEqualTo(2);
    assertThat(sender.sink().batches()).containsExactly(three);
    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(1));
    assertThat(counter("sent")).isEqualTo(3);
    assertThat(counter("send_failed")).isZero();
  }

  @Test
  void eachAttemptGetsTheConfiguredTimeout() {
    ScriptedSender<ExportTraceServiceRequest> sender = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper = helper(NO_QUEUE, RETRY, sender);
    helper.start();

    helper.consume(Batches.of(three));

    assertThat(sender.lastTimeout()).isEqualTo(TIMEOUT);
  }

  @Test
  void aPermanentFailureIsNotRetriedAndCountsSendFailed() {
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingFirst(TRACES, new PermanentException("400 bad request"));
    ExporterHelper<ExportTraceServiceRequest> helper = helper(queue(1, 10), RETRY, sender);
    helper.start();

    helper.consume(Batches.of(three));
    helper.shutdown();

    assertThat(sender.attempts()).isEqualTo(1);
    assertThat(sleeper.delays()).isEmpty();
    assertThat(counter("send_failed")).isEqualTo(3);
    assertThat(counter("sent")).isZero();
  }

  @Test
  void anUnexpectedErrorCountsAsPermanent() {
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingFirst(TRACES, new IllegalStateException("bug in the client"));
    ExporterHelper<ExportTraceServiceRequest> helper = helper(NO_QUEUE, RETRY, sender);
    helper.start();

    assertThatThrownBy(() -> helper.consume(Batches.of(three)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("bug in the client");
    assertThat(sender.attempts()).isEqualTo(1);
  }

  @Test
  void theBackendsRetryAfterHintReplacesTheBackoff() {
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingFirst(
            TRACES,
            new RetryableException("429 slow down", Duration.ofSeconds(7), null),
            new RetryableException("503 unavailable"));
    ExporterHelper<ExportTraceServiceRequest> helper = helper(queue(1, 10), RETRY, sender);
    helper.start();

    helper.consume(Batches.of(three));
    helper.shutdown();

    assertThat(sleeper.delays()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(1));
    assertThat(sender.sink().batches()).containsExactly(three);
  }

  @Test
  void givesUpWhenTheNextDelayWouldPassMaxElapsedTime() {
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingForever(TRACES, () -> new RetryableException("503 unavailable"));
    ExporterHelper<ExportTraceServiceRequest> helper = helper(NO_QUEUE, RETRY, sender);
    helper.start();

    assertThatThrownBy(() -> helper.consume(Batches.of(three)))
        .isInstanceOf(RetryableException.class)
        .hasMessage("gave up after 15s of retries: 503 unavailable");
    assertThat(sleeper.delays())
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8));
    assertThat(sender.attempts()).isEqualTo(5);
    assertThat(counter("send_failed")).isEqualTo(3);
  }

  @Test
  void zeroMaxElapsedTimeRetriesUntilItWorks() {
    RetryConfig forever =
        new RetryConfig(
            true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ZERO, 2.0, 0.0);
    RetryableException unavailable = new RetryableException("503 unavailable");
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingFirst(
            TRACES,
            java.util.Collections.nCopies(30, unavailable).toArray(RuntimeException[]::new));
    ExporterHelper<ExportTraceServiceRequest> helper = helper(NO_QUEUE, forever, sender);
    helper.start();

    helper.consume(Batches.of(three));

    assertThat(sender.attempts()).isEqualTo(31);
    assertThat(counter("sent")).isEqualTo(3);
  }

  @Test
  void withRetryDisabledTheFirstFailureIsFinal() {
    RetryableException unavailable = new RetryableException("503 unavailable");
    ScriptedSender<ExportTraceServiceRequest> sender =
        ScriptedSender.failingFirst(TRACES, unavailable);
    ExporterHelper<ExportTraceServiceRequest> helper = helper(NO_QUEUE, NO_RETRY, sender);
    helper.start();

    assertThatThrownBy(() -> helper.consume(Batches.of(three))).isSameAs(unavailable);
    assertThat(sender.attempts()).isEqualTo(1);
    assertThat(sleeper.delays()).isEmpty();
    assertThat(counter("send_failed")).isEqualTo(3);
  }

  // --- without a queue

  @Test
  void withoutAQueueSendsOnTheCallersThreadBeforeReturning() {
    AtomicReference<Thread> sentOn = new AtomicReference<>();
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(NO_QUEUE, RETRY, (batch, timeout) -> sentOn.set(Thread.currentThread()));
    helper.start();

    helper.consume(Batches.of(three));

    assertThat(sentOn.get()).isSameAs(Thread.currentThread());
    assertThat(counter("sent")).isEqualTo(3);
    assertThat(meters.find("tailgate.exporter.queue.size").gauge()).isNull();
  }

  @Test
  void withoutAQueueErrorsReachTheCaller() {
    PermanentException rejected = new PermanentException("400 bad request");
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(NO_QUEUE, RETRY, ScriptedSender.failingFirst(TRACES, rejected));
    helper.start();

    assertThatThrownBy(() -> helper.consume(Batches.of(three))).isSameAs(rejected);
    assertThat(counter("send_failed")).isEqualTo(3);
  }

  @Test
  void withoutAQueueAReservationSendsOnCommitAndNotOnCancel() {
    ScriptedSender<ExportTraceServiceRequest> sender = ScriptedSender.failingFirst(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper = helper(NO_QUEUE, RETRY, sender);
    helper.start();

    helper.reserve(Batches.of(three)).cancel();
    helper.reserve(Batches.of(four)).commit();

    assertThat(sender.sink().batches()).containsExactly(four);
  }

  // --- lifecycle

  @Test
  void refusesBatchesBeforeStart() {
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(queue(1, 10), RETRY, ScriptedSender.failingFirst(TRACES));

    assertThatThrownBy(() -> helper.consume(Batches.of(three)))
        .isInstanceOf(RetryableException.class)
        .hasMessage("exporter otlp/backend/traces is not running");
    assertThat(counter("enqueue_failed")).isEqualTo(3);
  }

  @Test
  void startsAndStopsTheClientItWraps() {
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(queue(2, 10), RETRY, ScriptedSender.failingFirst(TRACES));

    helper.start();
    helper.shutdown();
    helper.shutdown();

    assertThat(client.starts).isEqualTo(1);
    assertThat(client.shutdowns).isEqualTo(1);
  }

  @Test
  void shutdownWithoutStartIsSafe() {
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(queue(2, 10), RETRY, ScriptedSender.failingFirst(TRACES));

    helper.shutdown();

    assertThat(client.shutdowns).isEqualTo(1);
    assertThatThrownBy(() -> helper.consume(Batches.of(three)))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void shutdownSendsWhatIsQueuedBeforeReturning() throws Exception {
    BlockingSender<ExportTraceServiceRequest> sender = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper = helper(queue(1, 10), RETRY, sender);
    helper.start();
    helper.consume(Batches.of(three));
    sender.awaitFirstAttempt();
    helper.consume(Batches.of(four));
    helper.consume(Batches.of(five));
    assertThat(helper.queueSize()).isEqualTo(2);

    sender.release();
    helper.shutdown();

    assertThat(sender.sink().batches()).containsExactly(three, four, five);
    assertThat(counter("sent")).isEqualTo(12);
    assertThat(counter("send_failed")).isZero();
    assertThat(helper.queueSize()).isZero();
    assertThatThrownBy(() -> helper.consume(Batches.of(three)))
        .isInstanceOf(RetryableException.class);
  }

  @Test
  void pastTheDrainDeadlineWhatIsLeftCountsAsFailed() throws Exception {
    BlockingSender<ExportTraceServiceRequest> sender = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(queue(1, 10), RETRY, sender, Duration.ofMillis(100));
    helper.start();
    helper.consume(Batches.of(three));
    sender.awaitFirstAttempt();
    helper.consume(Batches.of(four));
    helper.consume(Batches.of(five));

    helper.shutdown();

    assertThat(sender.sink().batches()).isEmpty();
    assertThat(counter("sent")).isZero();
    assertThat(counter("send_failed")).isEqualTo(12);
    assertThat(helper.queueSize()).isZero();
    assertThat(client.shutdowns).isEqualTo(1);
  }
}
