package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Signal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

class RedactionProcessorTest {

  @Test
  void countsRemovedKeysAndMaskedValuesTaggedWithTheProcessorId() {
    var meters = new SimpleMeterRegistry();
    var span = Span.newBuilder().addAttributes(str("a", "x secret")).addAttributes(str("b", "secret")).addAttributes(str("c", "gone"));
    var in =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
            .build();

    redact(config("{ allowed_keys: [a, b], blocked_values: [secret] }"), Signal.TRACES, in, meters);

    assertThat(meters.get("tailgate.processor.redaction.redacted.keys").tag("processor", "redaction").counter().count()).isEqualTo(1);
    assertThat(meters.get("tailgate.processor.redaction.masked.values").tag("processor", "redaction").tag("data_type", "traces").counter().count())
        .isEqualTo(2);
  }

  @Test
  void theFactoryIsNamedRedactionAndServesEverySignal() {
    var factory = new RedactionProcessorFactory();

    assertThat(factory.type()).isEqualTo("redaction");
    assertThat(factory.configType()).isEqualTo(RedactionConfig.class);
    assertThat(factory.signals()).containsExactlyInAnyOrderElementsOf(Signal.ALL);
  }
}
