package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.run;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import dev.tailgate.pipeline.testing.SinkConsumer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class RedactionProcessorTest {

  @Test
  void countsRemovedKeysAndMaskedValuesTaggedWithTheProcessorId() {
    var meters = new SimpleMeterRegistry();
    var span =
        Span.newBuilder()
            .addAttributes(str("a", "x secret"))
            .addAttributes(str("b", "secret"))
            .addAttributes(str("c", "gone"));
    var in =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
            .build();

    redact(config("{ allowed_keys: [a, b], blocked_values: [secret] }"), Signal.TRACES, in, meters);

    assertThat(
            meters
                .get("tailgate.processor.redaction.redacted.keys")
                .tag("processor", "redaction")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tailgate.processor.redaction.masked.values")
                .tag("processor", "redaction")
                .tag("data_type", "traces")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void anUntouchedBatchLeavesAsTheBytesItArrivedIn() {
    var in = request(Span.newBuilder().setName("clean").addAttributes(str("a", "nothing to hide")));
    var arrived = Batches.wire(Signal.TRACES, in, Lease.NONE);
    var sink = new SinkConsumer<>(Signal.TRACES);

    run(
        config("{ allowed_keys: [a], blocked_values: [secret] }"),
        Signal.TRACES,
        arrived,
        sink,
        new SimpleMeterRegistry());

    assertThat(sink.wires()).singleElement().isSameAs(arrived.wire());
  }

  @Test
  void aRedactedBatchIsPassedOnUnderTheArrivalsLeaseAndReleasedOnce() {
    var budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    var in = request(Span.newBuilder().addAttributes(str("a", "x secret")));
    var arrived = Batches.wire(Signal.TRACES, in, budget.tryReserve(100));
    var passed = new ArrayList<Batch<ExportTraceServiceRequest>>();
    Consumer<ExportTraceServiceRequest> next =
        batch -> {
          passed.add(batch);
          assertThat(budget.used()).as("held while the next component has it").isEqualTo(100);
          batch.release();
        };

    run(
        config("{ allowed_keys: [a], blocked_values: [secret] }"),
        Signal.TRACES,
        arrived,
        next,
        new SimpleMeterRegistry());

    assertThat(passed).singleElement().isNotSameAs(arrived);
    assertThat(
            passed
                .get(0)
                .request()
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0)
                .getAttributes(0)
                .getValue()
                .getStringValue())
        .startsWith("x ")
        .doesNotContain("secret");
    assertThat(passed.get(0).leasedBytes()).isEqualTo(100);
    assertThat(budget.used()).isZero();
  }

  @Test
  void rebuildsOnlyTheSpanThatChangedAndLeavesTheOthersBytesAsTheyCame() {
    String marker = "REPLACED-BY-FF";
    Span clean = Span.newBuilder().setName("clean").addAttributes(str("note", marker)).build();
    Span dirty = Span.newBuilder().setName("dirty").addAttributes(str("note", "a secret")).build();
    byte[] cleanBytes = InvalidUtf8.replacing(clean, marker).toByteArray();
    ByteString arrivedBytes =
        InvalidUtf8.replacing(
            request(clean.toBuilder()).toBuilder()
                .addResourceSpans(
                    ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(dirty)))
                .build(),
            marker);
    var arrived = Batch.ofWire(Signal.TRACES, arrivedBytes, 2, Lease.NONE);
    var sink = new SinkConsumer<>(Signal.TRACES);

    run(
        config("{ allow_all_keys: true, blocked_values: [secret] }"),
        Signal.TRACES,
        arrived,
        sink,
        new SimpleMeterRegistry());

    byte[] left = sink.wires().get(0).toByteArray();
    assertThat(InvalidUtf8.indexOf(left, cleanBytes))
        .as("the clean span's bytes, invalid UTF-8 and all")
        .isNotNegative();
    var out = sink.batches().get(0);
    assertThat(
            out.getResourceSpans(1)
                .getScopeSpans(0)
                .getSpans(0)
                .getAttributes(0)
                .getValue()
                .getStringValue())
        .isEqualTo("a ****");
    assertThat(out.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName()).isEqualTo("clean");
  }

  private static ExportTraceServiceRequest request(Span.Builder span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  @Test
  void theFactoryIsNamedRedactionAndServesEverySignal() {
    var factory = new RedactionProcessorFactory();

    assertThat(factory.type()).isEqualTo("redaction");
    assertThat(factory.configType()).isEqualTo(RedactionConfig.class);
    assertThat(factory.signals()).containsExactlyInAnyOrderElementsOf(Signal.ALL);
  }
}
