package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.wire.EncodedForms;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ForwardingMarshallerTest {
  private final EncodedForms forms = new EncodedForms();
  private final ForwardingMarshaller<ExportTraceServiceRequest> marshaller =
      new ForwardingMarshaller<>(TraceServiceGrpc.getExportMethod().getRequestMarshaller(), forms);

  static ExportTraceServiceRequest request(String name) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName(name))))
        .build();
  }

  @Test
  void writesTheRememberedBytesWhenTheMessageArrivedEncoded() throws Exception {
    ExportTraceServiceRequest message = request("forwarded");
    // Different bytes than the message would serialize to prove which ones are written.
    ByteString remembered = request("as received").toByteString();
    forms.remember(message, remembered);

    InputStream stream = marshaller.stream(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(stream).isInstanceOf(KnownLength.class).isInstanceOf(Drainable.class);
    assertThat(stream.available()).isEqualTo(remembered.size());
    ((Drainable) stream).drainTo(out);
    assertThat(out.toByteArray()).isEqualTo(remembered.toByteArray());
  }

  @Test
  void readingTheStreamGivesTheSameBytes() throws Exception {
    ExportTraceServiceRequest message = request("read");
    forms.remember(message, message.toByteString());

    assertThat(marshaller.stream(message).readAllBytes()).isEqualTo(message.toByteArray());
  }

  @Test
  void serializesMessagesWithoutARememberedForm() throws Exception {
    ExportTraceServiceRequest built = request("built here");

    assertThat(marshaller.stream(built).readAllBytes()).isEqualTo(built.toByteArray());
  }
}
