package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.grpc.Metadata;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The otlp exporter's request compressions against a real gRPC server on loopback whose
 * decompressors are the compression libraries' own streams, as a Collector's are its Go libraries'.
 */
class OtlpExporterCompressionTest {
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ACCEPT_ENCODING =
      Metadata.Key.of("grpc-accept-encoding", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * The snappy framing format's stream identifier chunk, which golang/snappy's Reader demands
   * first.
   */
  private static final byte[] SNAPPY_STREAM_IDENTIFIER = {
    (byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'
  };

  private final YamlConfig yaml = new YamlConfig("exporters.otlp");
  private final List<Exporter<?>> exporters = new ArrayList<>();
  private OtlpTestBackend backend;

  @AfterEach
  void stop() throws InterruptedException {
    exporters.forEach(Exporter::shutdown);
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void sendsZstdThatAZstdDecoderReadsBackIntact() {
    LibraryCodec zstd = LibraryCodec.zstd();
    backend = OtlpTestBackend.startWithCodecs(List.of(zstd));
    ExportTraceServiceRequest large = manySpans(2000);

    exporter("compression: zstd").consume(Batches.of(large));

    assertThat(backend.headers())
        .singleElement()
        .satisfies(h -> assertThat(h.get(ENCODING)).isEqualTo("zstd"));
    assertThat(backend.accepted()).containsExactly(large);
    assertThat(zstd.received())
        .singleElement()
        .satisfies(wire -> assertThat(wire.length).isLessThan(large.getSerializedSize() / 4));
  }

  @Test
  void sendsSnappyInTheFramingFormatTheCollectorsGrpcSnappyReads() {
    LibraryCodec snappy = LibraryCodec.snappyFramed();
    backend = OtlpTestBackend.startWithCodecs(List.of(snappy));
    // Over 64 KiB, so the message spans several snappy chunks.
    ExportTraceServiceRequest large = manySpans(2000);
    assertThat(large.getSerializedSize()).isGreaterThan(3 * 64 * 1024);

    exporter("compression: snappy").consume(Batches.of(large));

    assertThat(backend.headers())
        .singleElement()
        .satisfies(h -> assertThat(h.get(ENCODING)).isEqualTo("snappy"));
    assertThat(backend.accepted()).containsExactly(large);
    assertThat(snappy.received())
        .singleElement()
        .satisfies(
            wire ->
                assertThat(Arrays.copyOf(wire, SNAPPY_STREAM_IDENTIFIER.length))
                    .isEqualTo(SNAPPY_STREAM_IDENTIFIER));
  }

  @Test
  void sendsGzipAtTheConfiguredLevel() {
    LibraryCodec gzip = LibraryCodec.gzip();
    backend = OtlpTestBackend.startWithCodecs(List.of(gzip));
    ExportTraceServiceRequest large = manySpans(2000);

    exporter("compression: gzip\ncompression_params: { level: 1 }").consume(Batches.of(large));
    exporter("compression: gzip\ncompression_params: { level: 9 }").consume(Batches.of(large));

    assertThat(backend.headers())
        .hasSize(2)
        .allSatisfy(h -> assertThat(h.get(ENCODING)).isEqualTo("gzip"));
    assertThat(backend.accepted()).containsExactly(large, large);
    List<byte[]> wires = gzip.received();
    // Level 1 searches less: the same request comes out measurably larger than at level 9.
    assertThat(wires.get(0).length).isGreaterThan(wires.get(1).length + wires.get(1).length / 20);
  }

  @Test
  void readsAnswersCompressedInTheRequestsEncodingAsTheCollectorSendsThem() {
    backend =
        OtlpTestBackend.startWithCodecs(List.of(LibraryCodec.zstd(), LibraryCodec.snappyFramed()));
    backend.partialSuccessNext(1, "one span dropped");
    backend.partialSuccessNext(2, "two spans dropped");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    backend.answerCompressedWith("zstd");
    exporter("compression: zstd", meters).consume(Batches.of(OtlpSamples.traces()));
    backend.answerCompressedWith("snappy");
    exporter("compression: snappy", meters).consume(Batches.of(OtlpSamples.traces()));

    // A grpc-java server compresses an answer only in an encoding the client accepts (grpc-go does
    // regardless); so the answers were compressed, and their partial successes read.
    assertThat(backend.headers())
        .allSatisfy(h -> assertThat(h.get(ACCEPT_ENCODING).split(",")).contains("zstd", "snappy"));
    assertThat(
            meters
                .get("tailgate.exporter.rejected.spans")
                .tag("exporter", "otlp")
                .counter()
                .count())
        .isEqualTo(3);
  }

  @Test
  void sendsUncompressedWithNone() {
    LibraryCodec gzip = LibraryCodec.gzip();
    backend = OtlpTestBackend.startWithCodecs(List.of(gzip));

    exporter("compression: none").consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.headers())
        .singleElement()
        .satisfies(h -> assertThat(h.get(ENCODING)).isNull());
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
    assertThat(gzip.received()).isEmpty();
  }

  private Exporter<ExportTraceServiceRequest> exporter(String compression) {
    return exporter(compression, new SimpleMeterRegistry());
  }

  /** {@code compression}: the compression keys as YAML lines. */
  private Exporter<ExportTraceServiceRequest> exporter(
      String compression, SimpleMeterRegistry meters) {
    String config =
        """
        endpoint: 127.0.0.1:%d
        tls: { insecure: true }
        sending_queue: { enabled: false }
        retry_on_failure: { enabled: false }
        """
            .formatted(backend.port());
    OtlpExporterConfig bound = yaml.bind(config + compression + "\n", OtlpExporterConfig.class);
    Exporter<ExportTraceServiceRequest> exporter =
        new OtlpExporterFactory()
            .create(TestSettings.of("otlp", meters, Clock.systemUTC()), bound, Signal.TRACES);
    exporters.add(exporter);
    exporter.start();
    return exporter;
  }

  /**
   * One resource with {@code count} spans whose names and attributes differ, as real batches do.
   */
  private static ExportTraceServiceRequest manySpans(int count) {
    ExportTraceServiceRequest.Builder request = OtlpSamples.traces().toBuilder();
    var scope = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
    Span template = scope.getSpans(0);
    for (int i = 0; i < count; i++) {
      scope.addSpans(
          template.toBuilder()
              .setName("GET /cart/" + i)
              .setStartTimeUnixNano(template.getStartTimeUnixNano() + i * 1_000_003L)
              .addAttributes(
                  OtlpSamples.attribute(
                      "http.url", "https://shop.example.com/cart/" + (i * 7919 % 10007)))
              .addAttributes(OtlpSamples.attribute("user.id", Integer.toHexString(i * 31))));
    }
    return request.build();
  }
}
