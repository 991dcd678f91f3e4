package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.testing.Batches;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireMarshallerTest {
  private final WireMarshaller<ExportTraceServiceRequest> marshaller = new WireMarshaller<>();

  static ExportTraceServiceRequest request(String name) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName(name))))
        .build();
  }

  @Test
  void drainsTheArrivalBytesWithTheirLengthKnownUpFront() throws Exception {
    ByteString arrived = request("as received").toByteString();
    Batch<ExportTraceServiceRequest> batch = Batch.ofWire(Signal.TRACES, arrived, 1, Lease.NONE);

    InputStream stream = marshaller.stream(batch);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(stream).isInstanceOf(KnownLength.class).isInstanceOf(Drainable.class);
    assertThat(stream.available()).isEqualTo(arrived.size());
    assertThat(((Drainable) stream).drainTo(out)).isEqualTo(arrived.size());
    assertThat(out.toByteArray()).isEqualTo(arrived.toByteArray());
    assertThat(stream.available()).isZero();
  }

  @Test
  void readingTheStreamGivesTheSameBytes() throws Exception {
    ByteString arrived = request("read").toByteString();

    assertThat(
            marshaller.stream(Batch.ofWire(Signal.TRACES, arrived, 1, Lease.NONE)).readAllBytes())
        .isEqualTo(arrived.toByteArray());
  }

  @Test
  void writesBytesItCouldNotParseWithoutParsingThem() throws Exception {
    // Field 1 (resource_spans) claims 100 bytes and has 1: no parser would take it.
    ByteString unparseable = ByteString.copyFrom(new byte[] {0x0a, 100, 0x01});
    Batch<ExportTraceServiceRequest> batch =
        Batch.ofWire(Signal.TRACES, unparseable, 1, Lease.NONE);

    assertThat(marshaller.stream(batch).readAllBytes()).isEqualTo(unparseable.toByteArray());
  }

  @Test
  void writesAConcatenatedBatchAsItsPartsInOrder() throws Exception {
    ByteString first = request("first").toByteString();
    ByteString second = request("second").toByteString();
    Batch<ExportTraceServiceRequest> batch =
        Batch.concat(
            List.of(
                Batch.ofWire(Signal.TRACES, first, 1, Lease.NONE),
                Batch.ofWire(Signal.TRACES, second, 1, Lease.NONE)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ((Drainable) marshaller.stream(batch)).drainTo(out);

    assertThat(out.toByteArray()).isEqualTo(first.concat(second).toByteArray());
  }

  @Test
  void encodesABatchBuiltByTheGateway() throws Exception {
    ExportTraceServiceRequest built = request("built here");

    assertThat(marshaller.stream(Batches.of(built)).readAllBytes()).isEqualTo(built.toByteArray());
  }
}
