package dev.tailgate.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.InvalidUtf8;
import dev.tailgate.pipeline.testing.TestSettings;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpExporterTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Metadata.Key<String> TENANT =
      Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
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
  void deliversTracesWithResourceAndAttributesIntact() throws InterruptedException {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, queued(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.awaitAccepted(1, WAIT)).isTrue();
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void deliversMetricsWithResourceAndAttributesIntact() throws InterruptedException {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportMetricsServiceRequest> exporter =
        exporter(Signal.METRICS, queued(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.metrics()));

    assertThat(backend.awaitAccepted(1, WAIT)).isTrue();
    assertThat(backend.accepted()).containsExactly(OtlpSamples.metrics());
  }

  @Test
  void deliversLogsWithResourceAndAttributesIntact() throws InterruptedException {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportLogsServiceRequest> exporter = exporter(Signal.LOGS, queued(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.logs()));

    assertThat(backend.awaitAccepted(1, WAIT)).isTrue();
    assertThat(backend.accepted()).containsExactly(OtlpSamples.logs());
  }

  @Test
  void forwardsTheArrivalBytesUntouchedWhereProtobufCouldNotReEncodeThem() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));
    // A span attribute that is not UTF-8: protobuf-java can neither parse nor re-serialize it,
    // and a Collector in front of the gateway passes such strings on.
    ByteString arrived =
        InvalidUtf8.replacing(withSpanAttribute(OtlpSamples.traces(), "MARKER"), "MARKER");

    exporter.consume(Batch.ofWire(Signal.TRACES, arrived, 3, Lease.NONE));

    assertThat(backend.wires()).containsExactly(arrived);
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void sendsWhatArrivedWithoutParsingIt() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));
    // resource_spans claims 100 bytes and has 1: had the exporter parsed it, it would have failed
    // here instead of at the backend.
    ByteString unparseable = ByteString.copyFrom(new byte[] {0x0a, 100, 0x01});

    assertThatThrownBy(
            () -> exporter.consume(Batch.ofWire(Signal.TRACES, unparseable, 1, Lease.NONE)))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("INVALID_ARGUMENT");
    assertThat(backend.attempts()).isEqualTo(1);
  }

  @Test
  void sendsBatchedArrivalsAsOneRequestOfTheirBytesInOrder() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));
    Batch<ExportTraceServiceRequest> first =
        Batches.wire(Signal.TRACES, OtlpSamples.traces(), Lease.NONE);
    Batch<ExportTraceServiceRequest> second =
        Batches.wire(Signal.TRACES, withSpanAttribute(OtlpSamples.traces(), "second"), Lease.NONE);
    ByteString expected = first.wire().concat(second.wire());

    exporter.consume(Batch.concat(List.of(first, second)));

    assertThat(backend.wires()).containsExactly(expected);
    assertThat(backend.accepted())
        .containsExactly(
            Signal.TRACES.merge(
                List.of(OtlpSamples.traces(), withSpanAttribute(OtlpSamples.traces(), "second"))));
  }

  @Test
  void sendsABatchTheGatewayChangedAsItsNewEncoding() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));
    Batch<ExportTraceServiceRequest> arrived =
        Batches.wire(Signal.TRACES, OtlpSamples.traces(), Lease.NONE);
    ExportTraceServiceRequest changed = withSpanAttribute(OtlpSamples.traces(), "redacted");

    exporter.consume(arrived.replacedBy(changed));

    assertThat(backend.wires()).containsExactly(changed.toByteString());
  }

  @Test
  void sendsConfiguredHeadersAsMetadata() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()) + "headers: { x-tenant: acme }\n");

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.headers())
        .singleElement()
        .satisfies(h -> assertThat(h.get(TENANT)).isEqualTo("acme"));
  }

  @Test
  void compressesWithGzipByDefault() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.headers())
        .singleElement()
        .satisfies(h -> assertThat(h.get(ENCODING)).isEqualTo("gzip"));
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void sendsUncompressedWithCompressionNone() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()) + "compression: none\n");

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.headers())
        .singleElement()
        .satisfies(h -> assertThat(h.get(ENCODING)).isNotEqualTo("gzip"));
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void retriesUnavailableAndDeliversOnce() {
    backend = OtlpTestBackend.start(0);
    backend.failNext(Status.UNAVAILABLE.withDescription("restarting").asRuntimeException());
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.attempts()).isEqualTo(2);
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void doesNotRetryInvalidArgumentAndCountsItAsSendFailed() {
    backend = OtlpTestBackend.start(0);
    backend.failNext(Status.INVALID_ARGUMENT.withDescription("bad span").asRuntimeException());
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("INVALID_ARGUMENT: bad span");
    assertThat(backend.attempts()).isEqualTo(1);
    assertThat(counter("tailgate.exporter.send_failed.spans")).isEqualTo(3);
  }

  @Test
  void treatsResourceExhaustedWithoutRetryInfoAsPermanent() {
    backend = OtlpTestBackend.start(0);
    backend.failNext(
        Status.RESOURCE_EXHAUSTED.withDescription("message too large").asRuntimeException());
    Exporter<ExportLogsServiceRequest> exporter =
        exporter(Signal.LOGS, synchronous(backend.port()));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.logs())))
        .isInstanceOf(PermanentException.class);
    assertThat(backend.attempts()).isEqualTo(1);
    assertThat(counter("tailgate.exporter.send_failed.log_records")).isEqualTo(2);
  }

  @Test
  void retriesResourceExhaustedWithRetryInfo() {
    backend = OtlpTestBackend.start(0);
    backend.failNext(
        StatusProto.toStatusRuntimeException(
            com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("slow down")
                .addDetails(
                    Any.pack(
                        RetryInfo.newBuilder()
                            .setRetryDelay(
                                com.google.protobuf.Duration.newBuilder().setNanos(10_000_000))
                            .build()))
                .build()));
    Exporter<ExportMetricsServiceRequest> exporter =
        exporter(Signal.METRICS, synchronous(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.metrics()));

    assertThat(backend.attempts()).isEqualTo(2);
    assertThat(backend.accepted()).containsExactly(OtlpSamples.metrics());
    assertThat(counter("tailgate.exporter.sent.metric_points")).isEqualTo(3);
  }

  @Test
  void deliversQueuedDataOnceTheBackendComesUp() throws InterruptedException {
    int port = OtlpTestBackend.freePort();
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, queued(port));

    exporter.consume(Batches.of(OtlpSamples.traces()));
    backend = OtlpTestBackend.start(port);

    assertThat(backend.awaitAccepted(1, Duration.ofSeconds(30))).isTrue();
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void countsItemsRejectedInAPartialSuccess() {
    backend = OtlpTestBackend.start(0);
    backend.partialSuccessNext(2, "spans too old");
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(Signal.TRACES, synchronous(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.attempts()).isEqualTo(1);
    assertThat(counter("tailgate.exporter.rejected.spans")).isEqualTo(2);
  }

  @Test
  void startsWithoutResolvingTheBackendAndFailsSendsRetryably() {
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(
            Signal.TRACES,
            """
            endpoint: backend.invalid:4317
            tls: { insecure: true }
            timeout: 2s
            sending_queue: { enabled: false }
            retry_on_failure: { enabled: false }
            """);

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void waitsForTheBackendToComeUpWithWaitForReady() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(
            Signal.TRACES,
            """
            endpoint: 127.0.0.1:%d
            tls: { insecure: true }
            wait_for_ready: true
            timeout: 20s
            sending_queue: { enabled: false }
            retry_on_failure: { enabled: false }
            """
                .formatted(port));
    java.util.concurrent.CompletableFuture<Void> send =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> exporter.consume(Batches.of(OtlpSamples.traces())));
    Thread.sleep(500);
    assertThat(send).as("waits instead of failing at once").isNotDone();

    backend = OtlpTestBackend.start(port);

    send.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  @Test
  void treatsAnHttpSchemeAsPlaintext() {
    backend = OtlpTestBackend.start(0);
    Exporter<ExportTraceServiceRequest> exporter =
        exporter(
            Signal.TRACES,
            """
            endpoint: http://127.0.0.1:%d
            sending_queue: { enabled: false }
            retry_on_failure: { enabled: false }
            """
                .formatted(backend.port()));

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.accepted()).containsExactly(OtlpSamples.traces());
  }

  private <T> Exporter<T> exporter(Signal<T> signal, String config) {
    Exporter<T> exporter =
        new OtlpExporterFactory()
            .create(
                TestSettings.of("otlp", meters, Clock.systemUTC()),
                yaml.bind(config, OtlpExporterConfig.class),
                signal);
    exporters.add(exporter);
    exporter.start();
    return exporter;
  }

  /** No queue: consume returns after delivery (with retries) or throws, so tests need not wait. */
  private static String synchronous(int port) {
    return """
    endpoint: 127.0.0.1:%d
    tls: { insecure: true }
    sending_queue: { enabled: false }
    retry_on_failure: { initial_interval: 10ms, max_interval: 10ms, randomization_factor: 0 }
    """
        .formatted(port);
  }

  private static String queued(int port) {
    return """
    endpoint: 127.0.0.1:%d
    tls: { insecure: true }
    sending_queue: { num_consumers: 1 }
    retry_on_failure: { initial_interval: 10ms, max_interval: 100ms, max_elapsed_time: 0 }
    """
        .formatted(port);
  }

  /** {@code request} with attribute {@code note=value} on its first span. */
  private static ExportTraceServiceRequest withSpanAttribute(
      ExportTraceServiceRequest request, String value) {
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    builder
        .getResourceSpansBuilder(0)
        .getScopeSpansBuilder(0)
        .getSpansBuilder(0)
        .addAttributes(OtlpSamples.attribute("note", value));
    return builder.build();
  }

  private double counter(String name) {
    return meters.get(name).tag("exporter", "otlp").counter().count();
  }
}
