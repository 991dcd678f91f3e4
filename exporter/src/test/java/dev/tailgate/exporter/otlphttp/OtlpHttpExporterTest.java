package dev.tailgate.exporter.otlphttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;
import dev.tailgate.exporter.testing.OtlpHttpStub;
import dev.tailgate.exporter.testing.OtlpHttpStub.Reply;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtlpHttpExporterTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final YamlConfig yaml = new YamlConfig("exporters.otlphttp");
  private final List<Exporter<?>> exporters = new ArrayList<>();
  private final OtlpHttpStub backend = new OtlpHttpStub();

  @AfterEach
  void stop() {
    exporters.forEach(Exporter::shutdown);
    backend.close();
  }

  @Test
  void postsTracesToTheirPathGzippedAsTheBytesThatArrived() {
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, synchronous(""));
    // Not UTF-8 where protobuf-java insists on it: only bytes passed on untouched survive.
    ByteString arrived =
        InvalidUtf8.replacing(withSpanAttribute(OtlpSamples.traces(), "note", "MARKER"), "MARKER");

    exporter.consume(Batch.ofWire(Signal.TRACES, arrived, 3, Lease.NONE));

    OtlpHttpStub.Request request = backend.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/traces");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.header("User-Agent")).startsWith("Tailgate-otlphttp");
    assertThat(ByteString.copyFrom(request.body())).isEqualTo(arrived);
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void postsMetricsAndLogsToTheirOwnPaths() throws Exception {
    exporter(Signal.METRICS, synchronous("")).consume(Batches.of(OtlpSamples.metrics()));
    exporter(Signal.LOGS, synchronous("")).consume(Batches.of(OtlpSamples.logs()));

    assertThat(backend.requests())
        .extracting(OtlpHttpStub.Request::path)
        .containsExactly("/v1/metrics", "/v1/logs");
    assertThat(ExportMetricsServiceRequest.parseFrom(backend.bodies().get(0)))
        .isEqualTo(OtlpSamples.metrics());
    assertThat(ExportLogsServiceRequest.parseFrom(backend.bodies().get(1)))
        .isEqualTo(OtlpSamples.logs());
  }

  @Test
  void postsToASignalsOwnEndpointAsWritten() {
    String config =
        """
        endpoint: http://127.0.0.1:1
        traces_endpoint: %s/custom/traces
        sending_queue: { enabled: false }
        retry_on_failure: { enabled: false }
        """
            .formatted(backend.url());

    exporter(Signal.TRACES, config).consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.requests())
        .extracting(OtlpHttpStub.Request::path)
        .containsExactly("/custom/traces");
  }

  @Test
  void compressesWithEachCodecTheCollectorNames() throws Exception {
    for (String compression : List.of("zstd", "snappy", "none")) {
      exporter(Signal.TRACES, synchronous("compression: " + compression))
          .consume(Batches.of(OtlpSamples.traces()));
    }

    assertThat(backend.requests())
        .extracting(request -> request.header("Content-Encoding"))
        .containsExactly("zstd", "snappy", null);
    for (byte[] body : backend.bodies()) {
      assertThat(ExportTraceServiceRequest.parseFrom(body)).isEqualTo(OtlpSamples.traces());
    }
  }

  @Test
  void sendsOtlpJsonWithHexIdsWhenEncodingIsJson() {
    exporter(Signal.TRACES, synchronous("encoding: json\ncompression: none"))
        .consume(Batches.of(OtlpSamples.traces()));

    OtlpHttpStub.Request request = backend.requests().get(0);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .contains("\"traceId\":\"" + OtlpSamples.TRACE_ID + "\"")
        .contains("\"resourceSpans\"");
  }

  @Test
  void sendsTheConfiguredHeaders() {
    exporter(Signal.TRACES, synchronous("headers: { x-api-key: s3cret, X-Scope-OrgID: acme }"))
        .consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.requests().get(0).header("x-api-key")).isEqualTo("s3cret");
    assertThat(backend.requests().get(0).header("x-scope-orgid")).isEqualTo("acme");
  }

  @Test
  void retriesA503AfterTheDelayInRetryAfter() {
    backend.answer(Reply.of(503).withHeader("Retry-After", "1"));
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, synchronous(""));

    long start = System.nanoTime();
    exporter.consume(Batches.of(OtlpSamples.traces()));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(backend.requests()).hasSize(2);
    assertThat(took).as("waited as asked, not the 10 ms backoff").isGreaterThan(millis(900));
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void retriesEachStatusTheSpecCallsRetryable() {
    backend.answer(Reply.of(429), Reply.of(502), Reply.of(504));

    exporter(Signal.TRACES, synchronous("")).consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.requests()).hasSize(4);
  }

  @Test
  void doesNotRetryA400AndSaysWhatTheStatusInItsBodySays() {
    backend.answer(
        Reply.of(
            400,
            "application/x-protobuf",
            Status.newBuilder().setCode(3).setMessage("span name is empty").build().toByteArray()));
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, synchronous(""));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining("/v1/traces answered HTTP 400: span name is empty");
    assertThat(backend.requests()).hasSize(1);
  }

  @Test
  void doesNotRetryA500() {
    backend.answer(Reply.of(500, "text/plain", "boom\nstack".getBytes(StandardCharsets.UTF_8)));
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, synchronous(""));

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(PermanentException.class)
        .hasMessageEndingWith("answered HTTP 500: boom");
    assertThat(backend.requests()).hasSize(1);
  }

  @Test
  void countsAPartialSuccessAsRejectedWithoutRetrying() {
    backend.answer(
        Reply.of(
            200,
            "application/x-protobuf",
            ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(
                    ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(2)
                        .setErrorMessage("spans too old"))
                .build()
                .toByteArray()));
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, synchronous(""));

    exporter.consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.requests()).hasSize(1);
    assertThat(counter("tailgate.exporter.rejected.spans")).isEqualTo(2);
    assertThat(counter("tailgate.exporter.sent.spans")).isEqualTo(3);
  }

  @Test
  void goesThroughTheProxyAtProxyUrl() {
    String config =
        """
        endpoint: http://backend.invalid:4318
        proxy_url: %s
        sending_queue: { enabled: false }
        retry_on_failure: { enabled: false }
        """
            .formatted(backend.url());

    exporter(Signal.TRACES, config).consume(Batches.of(OtlpSamples.traces()));

    assertThat(backend.requests())
        .extracting(OtlpHttpStub.Request::path)
        .containsExactly("/v1/traces");
    assertThat(backend.requests().get(0).header("Host")).isEqualTo("backend.invalid:4318");
  }

  @Test
  void findsABackendThatIsNotThereRetryable() {
    String config =
        """
        endpoint: http://127.0.0.1:1
        sending_queue: { enabled: false }
        retry_on_failure: { enabled: false }
        """;
    Exporter<ExportTraceServiceRequest> exporter = exporter(Signal.TRACES, config);

    assertThatThrownBy(() -> exporter.consume(Batches.of(OtlpSamples.traces())))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("cannot reach http://127.0.0.1:1/v1/traces");
  }

  @Test
  void refusesToExportASignalItHasNoUrlFor() {
    OtlpHttpExporterConfig config =
        yaml.bind("traces_endpoint: http://tempo/v1/traces", OtlpHttpExporterConfig.class);

    assertThatThrownBy(
            () ->
                new OtlpHttpExporterFactory()
                    .create(TestSettings.of("otlphttp"), config, Signal.LOGS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("otlphttp: exports logs but has neither endpoint nor logs_endpoint");
  }

  @Test
  void answersToTheCollectorsAliasToo() {
    assertThat(new OtlpHttpExporterFactory().type()).isEqualTo("otlphttp");
    assertThat(OtlpHttpExporterFactory.alias().type()).isEqualTo("otlp_http");
    assertThat(OtlpHttpExporterFactory.alias().configType())
        .isEqualTo(OtlpHttpExporterConfig.class);
  }

  private <T> Exporter<T> exporter(Signal<T> signal, String config) {
    Exporter<T> exporter =
        new OtlpHttpExporterFactory()
            .create(
                TestSettings.of("otlphttp", meters, Clock.systemUTC()),
                yaml.bind(config, OtlpHttpExporterConfig.class),
                signal);
    exporters.add(exporter);
    exporter.start();
    return exporter;
  }

  /** No queue: consume returns after delivery (with retries) or throws, so tests need not wait. */
  private String synchronous(String more) {
    return """
    endpoint: %s
    sending_queue: { enabled: false }
    retry_on_failure: { initial_interval: 10ms, max_interval: 10ms, randomization_factor: 0 }
    %s
    """
        .formatted(backend.url(), more);
  }

  private static ExportTraceServiceRequest withSpanAttribute(
      ExportTraceServiceRequest request, String key, String value) {
    ExportTraceServiceRequest.Builder builder = request.toBuilder();
    builder
        .getResourceSpansBuilder(0)
        .getScopeSpansBuilder(0)
        .getSpansBuilder(0)
        .addAttributes(OtlpSamples.attribute(key, value));
    return builder.build();
  }

  private double counter(String name) {
    return meters.get(name).tag("exporter", "otlphttp").counter().count();
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}
