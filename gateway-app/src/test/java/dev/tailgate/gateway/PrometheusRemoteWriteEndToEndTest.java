package dev.tailgate.gateway;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.exporter.prometheusremotewrite.PrometheusServer;
import dev.tailgate.gateway.testing.Await;
import dev.tailgate.gateway.testing.GatewayUnderTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenTelemetry SDK sends metrics to the real gateway, which batches them and writes them
 * with its prometheusremotewrite exporter into a real Prometheus; PromQL over Prometheus's HTTP API
 * reads the values back.
 */
class PrometheusRemoteWriteEndToEndTest {
  static final String CONFIG =
      """
      receivers:
        otlp:
          protocols:
            grpc: { endpoint: 127.0.0.1:GRPC_PORT }
            http: { endpoint: 127.0.0.1:HTTP_PORT }
      processors:
        batch: { send_batch_size: 1000, timeout: 50ms }
      exporters:
        prometheusremotewrite:
          endpoint: REMOTE_WRITE_ENDPOINT
          external_labels: { gateway: tailgate }
          sending_queue: { num_consumers: 1 }
      service:
        pipelines:
          metrics: { receivers: [otlp], processors: [batch], exporters: [prometheusremotewrite] }
      server:
        adminConnectors: [ { type: http, bindHost: 127.0.0.1, port: ADMIN_PORT } ]
      logging: { level: WARN }
      """;
  private static final Duration ARRIVAL = Duration.ofSeconds(15);
  private static final Attributes ROUTE =
      Attributes.of(AttributeKey.stringKey("http.route"), "/cart");
  private static final String CHECKOUT =
      "job=\"shop/checkout\",instance=\"pod-1\",gateway=\"tailgate\"";

  static PrometheusServer prometheus;
  static GatewayUnderTest gateway;

  @BeforeAll
  static void start(@TempDir Path directory) throws Exception {
    prometheus = new PrometheusServer(directory);
    gateway =
        new GatewayUnderTest(
                CONFIG.replace("REMOTE_WRITE_ENDPOINT", prometheus.remoteWriteEndpoint()), 0)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyKindOfSdkMetricSentOverGrpcIsQueryableWithPromQl() throws Exception {
    SdkMeterProvider provider =
        meterProvider(
            OtlpGrpcMetricExporter.builder()
                .setEndpoint(gateway.grpcEndpoint())
                .setAggregationTemporalitySelector(
                    AggregationTemporalitySelector.alwaysCumulative())
                .build(),
            Resource.getDefault()
                .merge(
                    Resource.builder()
                        .put("service.name", "checkout")
                        .put("service.namespace", "shop")
                        .put("service.instance.id", "pod-1")
                        .put("host.name", "node-7")
                        .build()));
    Meter meter = provider.get("dev.tailgate.e2e");
    LongCounter orders = meter.counterBuilder("orders.placed").setUnit("{order}").build();
    orders.add(3, ROUTE);
    orders.add(4, ROUTE);
    meter.upDownCounterBuilder("queue.size").build().add(5);
    meter.upDownCounterBuilder("queue.size").build().add(-2);
    meter.gaugeBuilder("room.temperature").setUnit("Cel").build().set(21.5);
    var duration =
        meter
            .histogramBuilder("http.server.request.duration")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(List.of(0.1, 0.5, 1.0))
            .build();
    for (double d : new double[] {0.05, 0.3, 0.3, 2.0}) {
      duration.record(d, ROUTE);
    }
    var payload = meter.histogramBuilder("payload.size").setUnit("By").build();
    for (double size : new double[] {100, 200, 300}) {
      payload.record(size);
    }
    flushAndClose(provider);

    assertThat(awaitOne("orders_placed_total{" + CHECKOUT + ",http_route=\"/cart\"}")).isEqualTo(7);
    assertThat(awaitOne("queue_size{" + CHECKOUT + "}")).isEqualTo(3);
    assertThat(awaitOne("room_temperature_celsius{" + CHECKOUT + "}")).isEqualTo(21.5);
    String buckets =
        "http_server_request_duration_seconds_bucket{"
            + CHECKOUT
            + ",http_route=\"/cart\",le=\"%s\"}";
    assertThat(awaitOne(buckets.formatted("0.1"))).isEqualTo(1);
    assertThat(awaitOne(buckets.formatted("0.5"))).isEqualTo(3);
    assertThat(awaitOne(buckets.formatted("1"))).isEqualTo(3);
    assertThat(awaitOne(buckets.formatted("+Inf"))).isEqualTo(4);
    assertThat(awaitOne("http_server_request_duration_seconds_sum{" + CHECKOUT + "}"))
        .isCloseTo(2.65, within(1e-9));
    assertThat(awaitOne("http_server_request_duration_seconds_count{" + CHECKOUT + "}"))
        .isEqualTo(4);
    assertThat(awaitOne("histogram_count(payload_size_bytes{" + CHECKOUT + "})"))
        .as("exponential histogram")
        .isEqualTo(3);
    assertThat(awaitOne("histogram_sum(payload_size_bytes{" + CHECKOUT + "})")).isEqualTo(600);
    assertThat(awaitOne("target_info{" + CHECKOUT + ",host_name=\"node-7\"}")).isEqualTo(1);
    JsonNode targetInfo = prometheus.query("target_info{" + CHECKOUT + "}").get(0).get("metric");
    assertThat(targetInfo.path("telemetry_sdk_language").asText()).isEqualTo("java");
    assertThat(targetInfo.has("otel_scope_name"))
        .as("target_info describes the resource only")
        .isFalse();
  }

  @Test
  void deltaCountersSentOverHttpBecomeCumulativeSeriesWithJobAndInstance() throws Exception {
    SdkMeterProvider provider =
        meterProvider(
            OtlpHttpMetricExporter.builder()
                .setEndpoint(gateway.httpEndpoint() + "/v1/metrics")
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                .build(),
            Resource.builder()
                .put("service.name", "batch-worker")
                .put("service.instance.id", "worker-3")
                .build());
    LongCounter jobs = provider.get("dev.tailgate.e2e").counterBuilder("jobs.done").build();
    jobs.add(2);
    assertThat(provider.forceFlush().join(10, SECONDS).isSuccess()).isTrue();
    jobs.add(5);
    flushAndClose(provider);

    String series =
        "jobs_done_total{job=\"batch-worker\",instance=\"worker-3\",gateway=\"tailgate\"}";
    assertThat(Await.until(() -> valueOrNaN(series) == 7, ARRIVAL))
        .as(series + " reaches 7")
        .isTrue();
  }

  /** Exports only when the test flushes; {@code payload.size} as an exponential histogram. */
  private static SdkMeterProvider meterProvider(MetricExporter exporter, Resource resource) {
    return SdkMeterProvider.builder()
        .setResource(resource)
        .registerView(
            InstrumentSelector.builder().setName("payload.size").build(),
            View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
        .registerMetricReader(
            PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
        .build();
  }

  private static void flushAndClose(SdkMeterProvider provider) {
    assertThat(provider.forceFlush().join(10, SECONDS).isSuccess())
        .as("the gateway accepts the SDK's export")
        .isTrue();
    provider.shutdown().join(10, SECONDS);
  }

  /** The single sample of {@code promql}, once the gateway has delivered it to Prometheus. */
  private static double awaitOne(String promql) throws Exception {
    assertThat(Await.until(() -> query(promql).size() == 1, ARRIVAL))
        .as("one sample for " + promql)
        .isTrue();
    return prometheus.queryOne(promql);
  }

  private static double valueOrNaN(String promql) {
    JsonNode result = query(promql);
    return result.size() == 1
        ? Double.parseDouble(result.get(0).get("value").get(1).asText())
        : Double.NaN;
  }

  private static JsonNode query(String promql) {
    try {
      return prometheus.query(promql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
