package dev.tailgate.receiver.otlp;

import static dev.tailgate.receiver.otlp.OtlpTestData.span;
import static dev.tailgate.receiver.otlp.OtlpTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpIngestTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MemoryBudget budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
  private final SinkConsumer<ExportTraceServiceRequest> sink = new SinkConsumer<>(Signal.TRACES);

  @Test
  void passesValidSpansOnAndCountsThemAsAccepted() {
    IngestOutcome outcome = send(ingest(sink), traces(span("a"), span("b")));

    assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(0, ""));
    assertThat(sink.items()).isEqualTo(2);
    assertThat(counter("accepted")).isEqualTo(2.0);
    assertThat(counter("refused")).isZero();
  }

  @Test
  void reportsRejectedSpansAsPartialSuccessAndCountsThemAsRefused() {
    IngestOutcome outcome =
        send(
            ingest(sink),
            traces(
                span("ok"), span("bad", ByteString.copyFromUtf8("short"), OtlpTestData.SPAN_ID)));

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

    IngestOutcome outcome = send(ingest(failing), ExportTraceServiceRequest.getDefaultInstance());

    assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(0, ""));
  }

  @Test
  void turnsARetryableRefusalIntoRetryWithTheConsumersDelay() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new RetryableException("queue full", Duration.ofSeconds(7), null);
            });

    IngestOutcome outcome = send(ingest, traces(span("a"), span("b")));

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

    assertThat(send(ingest, traces(span("a"))))
        .isEqualTo(new IngestOutcome.Retry(Duration.ofSeconds(1), "memory limit"));
  }

  @Test
  void turnsAPermanentRefusalIntoInvalid() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new PermanentException("rejected by backend");
            });

    assertThat(send(ingest, traces(span("a"))))
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

    IngestOutcome outcome = send(ingest, traces(span("a")));

    assertThat(outcome).isInstanceOf(IngestOutcome.Failed.class);
    assertThat(((IngestOutcome.Failed) outcome).message()).doesNotContain("secret");
    assertThat(counter("refused")).isEqualTo(1.0);
  }

  /** As a transport does: the request's bytes under a lease of their size. */
  private IngestOutcome send(
      OtlpIngest<ExportTraceServiceRequest> ingest, ExportTraceServiceRequest request) {
    byte[] wire = request.toByteArray();
    return ingest.ingestWire(wire, 0, wire.length, budget.tryReserve(wire.length), "", Origin.NONE);
  }

  @Test
  void theBatchCarriesTheConnectionItArrivedOn() {
    Origin origin = Origin.of(new InetSocketAddress("10.0.0.7", 50000), null);
    List<Origin> seen = new ArrayList<>();
    byte[] wire = traces(span("a")).toByteArray();

    ingest(
            batch -> {
              seen.add(batch.origin());
              batch.release();
            })
        .ingestWire(wire, 0, wire.length, budget.tryReserve(wire.length), "", origin);

    assertThat(seen).containsExactly(origin);
  }

  @Test
  void passesTheArrivalBytesOnWithoutParsingThem() {
    ExportTraceServiceRequest request = traces(span("a"), span("b"));
    ByteString wire = InvalidUtf8.replacing(request, "a");

    IngestOutcome outcome =
        ingest(sink)
            .ingestWire(
                wire.toByteArray(),
                0,
                wire.size(),
                budget.tryReserve(wire.size()),
                "",
                Origin.NONE);

    assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(0, ""));
    assertThat(sink.wires()).containsExactly(wire);
    assertThat(budget.used()).isZero();
  }

  @Test
  void refusesBytesThatAreNotAnExportRequestAsInvalidAndReleasesTheirMemory() {
    ByteString garbage = ByteString.copyFrom(new byte[] {10, 100, 1, 2});

    IngestOutcome outcome =
        ingest(sink)
            .ingestWire(
                garbage.toByteArray(),
                0,
                garbage.size(),
                budget.tryReserve(garbage.size()),
                "",
                Origin.NONE);

    assertThat(outcome).isInstanceOf(IngestOutcome.Invalid.class);
    assertThat(((IngestOutcome.Invalid) outcome).message())
        .startsWith("cannot decode traces as protobuf");
    assertThat(budget.used()).isZero();
  }

  @Test
  void aRefusedRequestGivesItsMemoryBack() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new RetryableException("queue full");
            });

    send(ingest, traces(span("a")));

    assertThat(budget.used()).isZero();
  }

  @Test
  void aStackOverflowInTheChainCostsOnlyThisRequest() {
    OtlpIngest<ExportTraceServiceRequest> ingest =
        ingest(
            batch -> {
              throw new StackOverflowError();
            });

    assertThat(send(ingest, traces(span("a")))).isInstanceOf(IngestOutcome.Failed.class);
    assertThat(budget.used()).isZero();
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
