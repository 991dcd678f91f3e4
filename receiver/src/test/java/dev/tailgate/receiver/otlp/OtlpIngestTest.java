package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtlpIngestTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

  @Test
  void passesValidSpansOnAndCountsThemAsAccepted() {
    IngestOutcome outcome = ingest(sink).ingest(traces(span("a"), span("b")));

    assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(0, ""));
    assertThat(sink.items()).isEqualTo(2);
    assertThat(counter("accepted")).isEqualTo(2.0);
    assertThat(counter("refused")).isZero();
  }

  @Test
  void reportsRejectedSpansAsPartialSuccessAndCountsThemAsRefused() {
    IngestOutcome outcome =
        ingest(sink)
            .ingest(
                traces(
                    span("ok"),
                    span("bad", ByteString.copyFromUtf8("short"), OtlpTestData.SPAN_ID)));

    assertThat(outcome)
        .isEqualTo(new IngestOutcome.Accepted(1, "1 spans rejected: " + SpanIdValidator.REASON));
    assertThat(sink.items()).isEqualTo(1);
    assertThat(counter("accepted")).isEqualTo(1.0);
    assertThat(counter("refused")).isEqualTo(1.0);
  }

  @Test
  void doesNotBotherThePipelineWithNothing() {
    Consumer<ExportTraceServiceRequest> failing =
        batch -> {
          throw new AssertionError("called with an empty batch");
        };

    IngestOutcome outcome = ingest(failing).ingest(ExportTraceServiceRequest.getDefaultInstance());

    assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(0, ""));
  }

  @Test
  void turnsARetryableRefusalIntoRetryWithTheConsumersDelay() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new RetryableException("queue full", Duration.ofSeconds(7), null);
            });

    IngestOutcome outcome = ingest.ingest(traces(span("a"), span("b")));

    assertThat(outcome).isEqualTo(new IngestOutcome.Retry(Duration.ofSeconds(7), "queue full"));
    assertThat(counter("refused")).isEqualTo(2.0);
    assertThat(counter("accepted")).isZero();
  }

  @Test
  void retriesAfterOneSecondWhenTheConsumerGaveNoDelay() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new RetryableException("memory limit");
            });

    assertThat(ingest.ingest(traces(span("a"))))
        .isEqualTo(new IngestOutcome.Retry(Duration.ofSeconds(1), "memory limit"));
  }

  @Test
  void turnsAPermanentRefusalIntoInvalid() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new PermanentException("rejected by backend");
            });

    assertThat(ingest.ingest(traces(span("a"))))
        .isEqualTo(new IngestOutcome.Invalid("rejected by backend"));
    assertThat(counter("refused")).isEqualTo(1.0);
  }

  @Test
  void turnsAnyOtherFailureIntoFailedWithoutItsDetails() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new IllegalStateException("secret internals");
            });

    IngestOutcome outcome = ingest.ingest(traces(span("a")));

    assertThat(outcome).isInstanceOf(IngestOutcome.Failed.class);
    assertThat(((IngestOutcome.Failed) outcome).message()).doesNotContain("secret");
    assertThat(counter("refused")).isEqualTo(1.0);
  }

  private OtlpIngest<ExportTraceServiceRequest> ingest(Consumer<ExportTraceServiceRequest> next) {
    return new OtlpIngest<>(
        ComponentId.parse("otlp/in"),
        Transport.HTTP,
        Signal.TRACES,
        new SpanIdValidator(),
        next,
        meters);
  }

  private double counter(String verb) {
    return meters
        .get("tailgate.receiver." + verb + ".spans")
        .tag("receiver", "otlp/in")
        .tag("transport", "http")
        .counter()
        .count();
  }
}
