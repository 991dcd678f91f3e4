package dev.tailgate.exporter.kafka;

import static dev.tailgate.exporter.kafka.KafkaTestData.resource;
import static dev.tailgate.exporter.kafka.KafkaTestData.span;
import static dev.tailgate.exporter.kafka.KafkaTestData.text;
import static dev.tailgate.exporter.kafka.KafkaTestData.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaMessagesTest {

  @Test
  void writesAnUntouchedBatchAsTheBytesThatArrived() {
    // An unknown field (number 99) survives only if the bytes are not re-encoded.
    ByteString arrived =
        traces(resource("cart", span(1, "a")))
            .toByteString()
            .concat(ByteString.copyFrom(new byte[] {(byte) 0x9a, 0x06, 0x01, 0x7a}));
    Batch<ExportTraceServiceRequest> batch = Batch.ofWire(Signal.TRACES, arrived, 1, Lease.NONE);

    assertThat(messages(KafkaEncoding.OTLP_PROTO, null, 1_000_000).of(batch))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.value()).isEqualTo(arrived);
              assertThat(m.key()).isNull();
            });
    assertThat(messages(KafkaEncoding.OTLP_PROTO, new TracesByTraceId(), 1_000_000).of(batch))
        .singleElement()
        .satisfies(m -> assertThat(m.value()).isEqualTo(arrived));
  }

  @Test
  void splitsARecordAboveMaxMessageBytesByItems() {
    ExportTraceServiceRequest request = traces(resource("cart", bigSpans(1, 10, 300)));
    assertThat(request.getSerializedSize()).isGreaterThan(3000);

    List<KafkaMessage> out =
        messages(KafkaEncoding.OTLP_PROTO, null, 1024).of(Batch.of(Signal.TRACES, request));

    assertThat(out).hasSizeGreaterThan(2);
    assertThat(out).allSatisfy(m -> assertThat(m.size()).isLessThanOrEqualTo(1024));
    assertThat(out.stream().mapToInt(KafkaMessage::items).sum()).isEqualTo(10);
    // Each part keeps the resource.
    assertThat(out)
        .allSatisfy(
            m ->
                assertThat(parse(m).getResourceSpans(0).getResource().getAttributes(0).getKey())
                    .isEqualTo("service.name"));
  }

  @Test
  void refusesOneSpanAboveMaxMessageBytesPermanently() {
    ExportTraceServiceRequest request = traces(resource("cart", bigSpans(1, 1, 2000)));

    assertThatThrownBy(
            () ->
                messages(KafkaEncoding.OTLP_PROTO, null, 1024).of(Batch.of(Signal.TRACES, request)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("producer.max_message_bytes (1024)");
  }

  @Test
  void keysEachSizedPartByItsTrace() {
    ExportTraceServiceRequest request =
        traces(resource("cart", concat(bigSpans(1, 6, 300), bigSpans(2, 2, 10))));

    List<KafkaMessage> out =
        messages(KafkaEncoding.OTLP_PROTO, new TracesByTraceId(), 1024)
            .of(Batch.of(Signal.TRACES, request));

    assertThat(out).extracting(m -> text(m.key()).substring(30)).containsOnly("01", "02");
    assertThat(out)
        .filteredOn(m -> text(m.key()).endsWith("02"))
        .singleElement()
        .satisfies(m -> assertThat(m.items()).isEqualTo(2));
  }

  @Test
  void encodesOtlpJsonWithHexIds() {
    Batch<ExportTraceServiceRequest> batch =
        Batch.of(Signal.TRACES, traces(resource("cart", span(1, "a"))));

    String json =
        messages(KafkaEncoding.OTLP_JSON, null, 1_000_000)
            .of(batch)
            .get(0)
            .value()
            .toString(StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"traceId\":\"0a000000000000000000000000000001\"")
        .contains("\"name\":\"a\"");
  }

  private static KafkaMessages<ExportTraceServiceRequest> messages(
      KafkaEncoding encoding, TracesByTraceId keying, int max) {
    return new KafkaMessages<>(encoding, keying, new SizeSplitter<>(Signal.TRACES, encoding, max));
  }

  private static Span[] bigSpans(int trace, int n, int nameLength) {
    Span[] spans = new Span[n];
    for (int i = 0; i < n; i++) {
      spans[i] = span(trace, ("s" + i).repeat(nameLength / 2));
    }
    return spans;
  }

  private static Span[] concat(Span[] a, Span[] b) {
    Span[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ExportTraceServiceRequest parse(KafkaMessage m) {
    try {
      return ExportTraceServiceRequest.parseFrom(m.value());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
