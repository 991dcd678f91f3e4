package dev.tailgate.pipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedFormsTest {
  private final EncodedForms forms = new EncodedForms();

  static ExportTraceServiceRequest request(String name) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName(name))))
        .build();
  }

  /** As a receiver does: the message parsed from bytes, remembered with them. */
  ExportTraceServiceRequest received(String name) throws Exception {
    byte[] bytes = request(name).toByteArray();
    ExportTraceServiceRequest parsed = ExportTraceServiceRequest.parseFrom(bytes);
    forms.remember(parsed, ByteString.copyFrom(bytes));
    return parsed;
  }

  @Test
  void remembersTheEncodingOfTheVeryInstanceOnly() throws Exception {
    ExportTraceServiceRequest arrived = received("a");

    assertThat(forms.encodedOrNull(arrived)).isEqualTo(arrived.toByteString());
    assertThat(forms.encodedOrNull(request("a"))).as("an equal but other instance").isNull();
    assertThat(forms.encodedOrNull(arrived.toBuilder().build())).as("a rebuilt message").isNull();
  }

  @Test
  void mergedBatchesOfRememberedPartsAreRememberedAsTheirConcatenation() throws Exception {
    List<ExportTraceServiceRequest> parts = List.of(received("a"), received("b"), received("c"));

    ExportTraceServiceRequest merged = forms.merge(Signal.TRACES, parts);

    assertThat(merged).isEqualTo(Signal.TRACES.merge(parts));
    assertThat(forms.encodedOrNull(merged)).isEqualTo(merged.toByteString());
    assertThat(ExportTraceServiceRequest.parseFrom(forms.encodedOrNull(merged))).isEqualTo(merged);
  }

  @Test
  void aMergeWithAnyChangedPartIsNotRemembered() throws Exception {
    List<ExportTraceServiceRequest> parts = List.of(received("a"), request("built here"));

    ExportTraceServiceRequest merged = forms.merge(Signal.TRACES, parts);

    assertThat(merged.getResourceSpansCount()).isEqualTo(2);
    assertThat(forms.encodedOrNull(merged)).isNull();
  }
}
