package dev.tailgate.pipeline.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailgate.pipeline.Component;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.SendStatus.LastError;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the exporter helper tells the status page about its sending: last error, batches in retry.
 */
class SendStatusTest {
  private static final Signal<ExportTraceServiceRequest> TRACES = Signal.TRACES;
  private static final RetryConfig RETRY =
      new RetryConfig(
          true, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(20), 2.0, 0.0);
  private static final RetryConfig NO_RETRY = new RetryConfig(false, null, null, null, null, null);
  private static final QueueConfig NO_QUEUE = new QueueConfig(false, null, null);

  private final ManualClock clock = new ManualClock();
  private final List<ExporterHelper<?>> helpers = new ArrayList<>();
  private final ExportTraceServiceRequest spans = TestBatches.traces(1, 1, 3);

  @AfterEach
  void stopHelpers() {
    helpers.forEach(ExporterHelper::shutdown);
  }

  private ExporterHelper<ExportTraceServiceRequest> helper(
      QueueConfig queue,
      RetryConfig retry,
      Sender<ExportTraceServiceRequest> sender,
      ExporterHelper.Sleeper sleeper) {
    ComponentSettings settings =
        new ComponentSettings(
            ComponentId.parse("otlp/backend"),
            new SimpleMeterRegistry(),
            clock,
            null,
            Duration.ofSeconds(10));
    ExporterHelper<ExportTraceServiceRequest> helper =
        new ExporterHelper<>(
            settings,
            TRACES,
            new ExporterSettings(Duration.ofSeconds(3), queue, retry),
            sender,
            new Component() {},
            sleeper);
    helpers.add(helper);
    return helper;
  }

  private ExporterHelper<ExportTraceServiceRequest> unqueued(
      RetryConfig retry, Sender<ExportTraceServiceRequest> sender) {
    return helper(NO_QUEUE, retry, sender, new RecordingSleeper(clock));
  }

  /** Sends without a queue, on this thread, and returns what the helper then reports. */
  private LastError lastErrorAfterFailing(RuntimeException error) {
    ExporterHelper<ExportTraceServiceRequest> helper =
        unqueued(NO_RETRY, ScriptedSender.failingFirst(TRACES, error));
    helper.start();
    assertThatThrownBy(() -> helper.consume(Batches.of(spans))).isSameAs(error);
    assertThat(helper.lastError()).isPresent();
    return helper.lastError().get();
  }

  @Test
  void reportsNothingBeforeAnAttemptFails() {
    ExporterHelper<ExportTraceServiceRequest> helper =
        unqueued(RETRY, ScriptedSender.failingFirst(TRACES));
    helper.start();
    helper.consume(Batches.of(spans));

    assertThat(helper.lastError()).isEmpty();
    assertThat(helper.retrying()).isZero();
    assertThat(helper.sending()).isZero();
  }

  @Test
  void aRetriedFailureStaysTheLastErrorWithTheTimeOfThatAttemptAfterTheRetrySucceeds() {
    Instant failedAt = clock.instant();
    ExporterHelper<ExportTraceServiceRequest> helper =
        unqueued(
            RETRY, ScriptedSender.failingFirst(TRACES, new RetryableException("503 unavailable")));
    helper.start();

    helper.consume(Batches.of(spans));

    // The retry 1 s later went through; the error is still what was last seen, at its own time.
    assertThat(clock.instant()).isEqualTo(failedAt.plusSeconds(1));
    assertThat(helper.lastError()).contains(new LastError("503 unavailable", failedAt, false));
    assertThat(helper.retrying()).isZero();
  }

  @Test
  void theLastOfSeveralFailedAttemptsIsTheOneReported() {
    ExporterHelper<ExportTraceServiceRequest> helper =
        unqueued(
            RETRY,
            ScriptedSender.failingFirst(
                TRACES,
                new RetryableException("first"),
                new RetryableException("second"),
                new PermanentException("400 bad request")));
    helper.start();

    assertThatThrownBy(() -> helper.consume(Batches.of(spans)))
        .isInstanceOf(PermanentException.class);

    // 1 s and 2 s of backoff before the third attempt.
    assertThat(helper.lastError())
        .contains(new LastError("400 bad request", Instant.parse("2026-01-01T00:00:03Z"), true));
  }

  @Test
  void aPermanentFailureIsReportedAsPermanent() {
    assertThat(
            lastErrorAfterFailing(
                new PermanentException("backend rejected the batch: INVALID_ARGUMENT")))
        .isEqualTo(
            new LastError("backend rejected the batch: INVALID_ARGUMENT", clock.instant(), true));
  }

  @Test
  void anUnexpectedSenderErrorIsReportedAsPermanentWithItsType() {
    ExporterHelper<ExportTraceServiceRequest> helper =
        unqueued(
            RETRY,
            ScriptedSender.failingFirst(TRACES, new IllegalStateException("bug in the client")));
    helper.start();

    assertThatThrownBy(() -> helper.consume(Batches.of(spans)))
        .isInstanceOf(PermanentException.class);

    assertThat(helper.lastError())
        .hasValueSatisfying(
            error -> {
              assertThat(error.message())
                  .isEqualTo(
                      "unexpected error: java.lang.IllegalStateException: bug in the client");
              assertThat(error.permanent()).isTrue();
            });
  }

  @Test
  void theRootCauseIsAddedWhenTheMessageDoesNotSayIt() {
    RetryableException refused =
        new RetryableException(
            "backend failed the export: UNAVAILABLE: io exception",
            null,
            new IOException(
                "io exception", new ConnectException("Connection refused: /127.0.0.1:4318")));

    assertThat(lastErrorAfterFailing(refused).message())
        .isEqualTo(
            "backend failed the export: UNAVAILABLE: io exception (cause: Connection refused:"
                + " /127.0.0.1:4318)");
  }

  @Test
  void aCauseTheMessageAlreadyNamesIsNotRepeated() {
    RetryableException error =
        new RetryableException(
            "cannot reach backend: Connection refused",
            null,
            new ConnectException("Connection refused"));

    assertThat(lastErrorAfterFailing(error).message())
        .isEqualTo("cannot reach backend: Connection refused");
  }

  @Test
  void onlyTheFirstLineOfAnErrorIsKeptSoABodyThatEchoesTheBatchIsNot() {
    RetryableException error =
        new RetryableException(
            "HTTP 400 from backend:\n{\"resourceSpans\":[{\"secret\":\"card 4111\"}]}");

    assertThat(lastErrorAfterFailing(error).message()).isEqualTo("HTTP 400 from backend:");
  }

  @Test
  void aLongMessageIsCutTo300CharactersWithAnEllipsis() {
    String message = lastErrorAfterFailing(new RetryableException("x".repeat(5_000))).message();

    assertThat(message).hasSize(LastError.MAX_MESSAGE).endsWith("x\u2026");
  }

  @Test
  void controlCharactersInAMessageAreBlanked() {
    assertThat(
            lastErrorAfterFailing(new RetryableException("bad\u0000\u001b[31mred\ttab")).message())
        .isEqualTo("bad  [31mred tab");
  }

  @Test
  void anErrorWithoutAMessageIsNamedByItsType() {
    assertThat(lastErrorAfterFailing(new RetryableException(null)).message())
        .isEqualTo("RetryableException");
  }

  @Test
  void aBatchWaitingOutItsBackoffCountsAsRetryingAndNotAsSending() throws Exception {
    CountDownLatch asleep = new CountDownLatch(1);
    CountDownLatch wake = new CountDownLatch(1);
    ExporterHelper.Sleeper blocking =
        delay -> {
          asleep.countDown();
          wake.await();
        };
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(
            new QueueConfig(true, 1, 10),
            RETRY,
            ScriptedSender.failingFirst(TRACES, new RetryableException("503")),
            blocking);
    helper.start();

    helper.consume(Batches.of(spans));
    assertThat(asleep.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(helper.retrying()).isEqualTo(1);
    assertThat(helper.sending()).isZero();
    assertThat(helper.lastError()).map(LastError::message).contains("503");
    wake.countDown();
    helper.shutdown();
    assertThat(helper.retrying()).isZero();
  }

  @Test
  void aBatchInAnAttemptCountsAsSending() throws Exception {
    BlockingSender<ExportTraceServiceRequest> sender = new BlockingSender<>(TRACES);
    ExporterHelper<ExportTraceServiceRequest> helper =
        helper(new QueueConfig(true, 1, 10), RETRY, sender, new RecordingSleeper(clock));
    helper.start();

    helper.consume(Batches.of(spans));
    sender.awaitFirstAttempt();

    assertThat(helper.sending()).isEqualTo(1);
    assertThat(helper.retrying()).isZero();
    sender.release();
    helper.shutdown();
    assertThat(helper.sending()).isZero();
    assertThat(helper.lastError()).isEmpty();
  }
}
