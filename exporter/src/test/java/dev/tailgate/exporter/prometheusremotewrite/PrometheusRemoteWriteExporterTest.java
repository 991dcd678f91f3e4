package dev.tailgate.exporter.prometheusremotewrite;

import static dev.tailgate.exporter.prometheusremotewrite.Otlp.SECOND;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.T0;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.counter;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.gauge;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.labels;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.point;
import static dev.tailgate.exporter.prometheusremotewrite.Otlp.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tailgate.exporter.prometheusremotewrite.RecordingRemoteWriteServer.Answer;
import dev.tailgate.exporter.prometheusremotewrite.RecordingRemoteWriteServer.Received;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter from its factory against a local HTTP endpoint: wire format and status mapping. */
class PrometheusRemoteWriteExporterTest {
  private final RecordingRemoteWriteServer server = new RecordingRemoteWriteServer();
  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<Exporter<?>> started = new ArrayList<>();

  PrometheusRemoteWriteExporterTest() throws IOException {}

  @AfterEach
  void stop() {
    started.forEach(Exporter::shutdown);
    server.close();
  }

  /** Without queue and retries: each consume is one attempt whose outcome the test sees. */
  private Exporter<ExportMetricsServiceRequest> exporter(String extraYaml) {
    return exporter(
        server.endpoint(),
        "sending_queue: {enabled: false}\nretry_on_failure: {enabled: false}\n" + extraYaml);
  }

  private Exporter<ExportMetricsServiceRequest> exporter(String endpoint, String yaml) {
    PrometheusRemoteWriteConfig config =
        new YamlConfig("exporters.prometheusremotewrite")
            .bind("endpoint: " + endpoint + "\n" + yaml, PrometheusRemoteWriteConfig.class);
    Exporter<ExportMetricsServiceRequest> exporter =
        new PrometheusRemoteWriteExporterFactory()
            .create(
                TestSettings.of("prometheusremotewrite", meters, clock), config, Signal.METRICS);
    exporter.start();
    started.add(exporter);
    return exporter;
  }

  @Test
  void postsSnappyProtobufWithTheRemoteWriteHeaders() {
    exporter("headers: {X-Scope-OrgID: acme}")
        .consume(Batches.of(request(gauge("queue.depth", "", point(3)))));

    Received received = server.received().get(0);
    assertThat(received.header("Content-Encoding")).isEqualTo("snappy");
    assertThat(received.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(received.header("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
    assertThat(received.header("User-Agent")).startsWith("Tailgate");
    assertThat(received.header("X-Scope-OrgID")).isEqualTo("acme");
    TimeSeries series = received.request().getTimeseries(0);
    assertThat(labels(series))
        .containsEntry("__name__", "queue_depth")
        .containsEntry("job", "checkout");
    assertThat(series.getSamples(0).getValue()).isEqualTo(3);
  }

  @Test
  void postsRemoteWrite2WithItsHeadersWhenAskedFor() throws IOException {
    exporter("protobuf_message: io.prometheus.write.v2.Request")
        .consume(Batches.of(request(gauge("queue.depth", "", point(3)))));

    Received received = server.received().get(0);
    assertThat(received.header("Content-Encoding")).isEqualTo("snappy");
    assertThat(received.header("Content-Type"))
        .isEqualTo("application/x-protobuf;proto=io.prometheus.write.v2.Request");
    assertThat(received.header("X-Prometheus-Remote-Write-Version")).isEqualTo("2.0.0");
    WriteRequestV2Test.Series series = WriteRequestV2Test.decode(received.body()).series().get(0);
    assertThat(series.labels())
        .extracting(Label::getName, Label::getValue)
        .contains(tuple("__name__", "queue_depth"), tuple("job", "checkout"));
    assertThat(series.samples())
        .singleElement()
        .satisfies(s -> assertThat(s.getValue()).isEqualTo(3));
    assertThat(series.metadata().type()).isEqualTo(MetricMetadata.MetricType.GAUGE_VALUE);
  }

  @Test
  void refusesForGoodOnAClientErrorWithTheFirstLineOfTheBody() {
    server.answer(new Answer(400, Map.of(), "out of order sample\nmore detail"));
    Exporter<ExportMetricsServiceRequest> exporter = exporter("");

    assertThatThrownBy(() -> exporter.consume(Batches.of(request(gauge("g", "", point(1))))))
        .isInstanceOf(PermanentException.class)
        .hasMessage("HTTP 400: out of order sample");
  }

  @Test
  void retriesTooManyRequestsAfterTheSecondsAsked() {
    server.answer(new Answer(429, Map.of("Retry-After", "7"), "slow down"));
    Exporter<ExportMetricsServiceRequest> exporter = exporter("");

    assertThatThrownBy(() -> exporter.consume(Batches.of(request(gauge("g", "", point(1))))))
        .isInstanceOfSatisfying(
            RetryableException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e).hasMessage("HTTP 429: slow down");
            });
  }

  @Test
  void retriesServerErrorsUntilAnHttpDateAsked() {
    server.answer(new Answer(503, Map.of("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT"), ""));
    Exporter<ExportMetricsServiceRequest> exporter = exporter("");

    assertThatThrownBy(() -> exporter.consume(Batches.of(request(gauge("g", "", point(1))))))
        .isInstanceOfSatisfying(
            RetryableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(90)));
  }

  @Test
  void retriesServerErrorsWithoutAHintOnTheBackoff() {
    server.answer(new Answer(500, Map.of(), "boom"));
    Exporter<ExportMetricsServiceRequest> exporter = exporter("");

    assertThatThrownBy(() -> exporter.consume(Batches.of(request(gauge("g", "", point(1))))))
        .isInstanceOfSatisfying(
            RetryableException.class, e -> assertThat(e.retryAfter()).isEmpty());
  }

  @Test
  void retriesWhenNobodyListens() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Exporter<ExportMetricsServiceRequest> exporter =
        exporter(
            "http://127.0.0.1:" + port + "/api/v1/write",
            "sending_queue: {enabled: false}\nretry_on_failure: {enabled: false}\n");

    assertThatThrownBy(() -> exporter.consume(Batches.of(request(gauge("g", "", point(1))))))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("cannot reach http://127.0.0.1:" + port);
  }

  @Test
  void resendsOnlyTheUntakenRequestsOfABatchAndCountsItsDeltasOnce() {
    // Two requests per batch (one series each), one after the other; the second is refused once.
    server.answer(Answer.ok(), new Answer(503, Map.of("Retry-After", "0"), "busy"));
    Exporter<ExportMetricsServiceRequest> exporter =
        exporter(
            server.endpoint(),
            "sending_queue: {enabled: false}\nmax_batch_size_bytes: 10\nadd_scope_labels: false\n"
                + "max_batch_request_parallelism: 1\n");

    exporter.consume(Batches.of(request(gauge("first", "", point(1)), deltaCounter(5))));

    List<Received> received = server.received();
    assertThat(received).hasSize(3);
    assertThat(name(received.get(0))).isEqualTo("first");
    assertThat(name(received.get(1))).isEqualTo("requests_total");
    assertThat(received.get(2).request()).isEqualTo(received.get(1).request());
    assertThat(received.get(2).request().getTimeseries(0).getSamples(0).getValue()).isEqualTo(5);
  }

  @Test
  void postsThePartsOfASplitBatchTogetherAndResendsOnlyTheRefusedOne() {
    // Four requests per batch, all in flight at once; whichever arrives second is refused once.
    server.answer(Answer.ok(), new Answer(503, Map.of("Retry-After", "0"), "busy"));
    Exporter<ExportMetricsServiceRequest> exporter =
        exporter(
            server.endpoint(),
            "sending_queue: {enabled: false}\nmax_batch_size_bytes: 10\nadd_scope_labels: false\n"
                + "max_batch_request_parallelism: 4\n");

    exporter.consume(
        Batches.of(
            request(
                gauge("a", "", point(1)),
                gauge("b", "", point(2)),
                gauge("c", "", point(3)),
                gauge("d", "", point(4)))));

    List<String> names =
        server.received().stream().map(PrometheusRemoteWriteExporterTest::name).toList();
    assertThat(names).hasSize(5);
    assertThat(names.subList(0, 4)).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void countsPointsItCannotSend() {
    Metric deltaUpDown =
        Otlp.sum(
            "in.flight",
            "",
            false,
            AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
            point(1),
            point(2));

    exporter("").consume(Batches.of(request(deltaUpDown, counter("ok", "", point(1)))));

    assertThat(
            meters
                .counter(
                    "tailgate.exporter.dropped.metric_points", "exporter", "prometheusremotewrite")
                .count())
        .isEqualTo(2);
  }

  @Test
  void reportsTheSeriesItTracksForDeltas() {
    exporter("").consume(Batches.of(request(deltaCounter(5))));

    assertThat(meters.get("tailgate.exporter.delta_to_cumulative.tracked_series").gauge().value())
        .isEqualTo(1);
  }

  private static Metric deltaCounter(long value) {
    NumberDataPoint point =
        NumberDataPoint.newBuilder()
            .setStartTimeUnixNano(T0 - SECOND)
            .setTimeUnixNano(T0)
            .setAsInt(value)
            .build();
    return Otlp.sum(
        "requests", "", true, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, point);
  }

  private static String name(Received received) {
    return labels(received.request().getTimeseries(0)).get("__name__");
  }
}
