package dev.tailgate.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.TestSettings;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics made by the real OpenTelemetry SDK, sent over OTLP/gRPC to a stand-in receiver that hands
 * them to the exporter, which writes them into a real Prometheus; PromQL reads them back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusRemoteWriteToPrometheusTest {
  private static final Attributes ROUTE =
      Attributes.of(AttributeKey.stringKey("http.route"), "/cart");

  private PrometheusServer prometheus;
  private Exporter<ExportMetricsServiceRequest> exporter;
  private Server otlpReceiver;

  @BeforeAll
  void start(@TempDir Path directory) throws IOException, InterruptedException {
    prometheus = new PrometheusServer(directory);
    PrometheusRemoteWriteConfig config =
        new YamlConfig("exporters.prometheusremotewrite")
            .bind(
                "endpoint: "
                    + prometheus.remoteWriteEndpoint()
                    + "\nexternal_labels: {gateway: tailgate}"
                    // Send on the receiver's thread: once the SDK's flush returns, the data is in.
                    + "\nsending_queue: {enabled: false}\n",
                PrometheusRemoteWriteConfig.class);
    exporter =
        new PrometheusRemoteWriteExporterFactory()
            .create(TestSettings.of("prometheusremotewrite"), config, Signal.METRICS);
    exporter.start();
    otlpReceiver =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(new HandToExporter())
            .build()
            .start();
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (otlpReceiver != null) {
      otlpReceiver.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (exporter != null) {
      exporter.shutdown();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void storesEveryKindOfSdkMetricInPrometheus() throws Exception {
    SdkMeterProvider provider =
        meterProvider(
            Resource.getDefault()
                .merge(
                    Resource.builder()
                        .put("service.name", "checkout")
                        .put("service.namespace", "shop")
                        .put("service.instance.id", "pod-1")
                        .put("host.name", "node-7")
                        .build()),
            AggregationTemporalitySelector.alwaysCumulative());
    Meter meter = provider.get("dev.tailgate.test");
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

    String service = "job=\"shop/checkout\",instance=\"pod-1\",gateway=\"tailgate\"";
    assertThat(prometheus.queryOne("orders_placed_total{" + service + ",http_route=\"/cart\"}"))
        .isEqualTo(7);
    assertThat(prometheus.queryOne("queue_size{" + service + "}")).isEqualTo(3);
    assertThat(prometheus.queryOne("room_temperature_celsius{" + service + "}")).isEqualTo(21.5);
    String buckets = "http_server_request_duration_seconds_bucket{" + service + ",le=\"%s\"}";
    assertThat(prometheus.queryOne(buckets.formatted("0.1"))).isEqualTo(1);
    assertThat(prometheus.queryOne(buckets.formatted("0.5"))).isEqualTo(3);
    assertThat(prometheus.queryOne(buckets.formatted("1"))).isEqualTo(3);
    assertThat(prometheus.queryOne(buckets.formatted("+Inf"))).isEqualTo(4);
    assertThat(prometheus.queryOne("http_server_request_duration_seconds_sum{" + service + "}"))
        .isCloseTo(2.65, within(1e-9));
    assertThat(prometheus.queryOne("http_server_request_duration_seconds_count{" + service + "}"))
        .isEqualTo(4);
    assertThat(prometheus.queryOne("histogram_count(payload_size_bytes{" + service + "})"))
        .isEqualTo(3);
    assertThat(prometheus.queryOne("histogram_sum(payload_size_bytes{" + service + "})"))
        .isEqualTo(600);
    assertThat(prometheus.queryOne("target_info{" + service + ",host_name=\"node-7\"}"))
        .isEqualTo(1);
    JsonNode targetInfo = prometheus.query("target_info{" + service + "}").get(0).get("metric");
    assertThat(targetInfo.has("telemetry_sdk_language")).isTrue();
    assertThat(targetInfo.has("otel_scope_name")).isFalse();
  }

  @Test
  void turnsDeltaCountersIntoCumulativeOnes() throws Exception {
    SdkMeterProvider provider =
        meterProvider(
            Resource.builder().put("service.name", "batch-worker").build(),
            AggregationTemporalitySelector.deltaPreferred());
    LongCounter jobs = provider.get("dev.tailgate.test").counterBuilder("jobs.done").build();
    jobs.add(2);
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    jobs.add(5);
    flushAndClose(provider);

    assertThat(prometheus.queryOne("jobs_done_total{job=\"batch-worker\"}")).isEqualTo(7);
  }

  private SdkMeterProvider meterProvider(
      Resource resource, AggregationTemporalitySelector temporality) {
    OtlpGrpcMetricExporter otlp =
        OtlpGrpcMetricExporter.builder()
            .setEndpoint("http://127.0.0.1:" + otlpReceiver.getPort())
            .setAggregationTemporalitySelector(temporality)
            .build();
    return SdkMeterProvider.builder()
        .setResource(resource)
        .registerView(
            InstrumentSelector.builder().setName("payload.size").build(),
            View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
        // Exports only when the test flushes.
        .registerMetricReader(
            PeriodicMetricReader.builder(otlp).setInterval(Duration.ofHours(1)).build())
        .build();
  }

  private static void flushAndClose(SdkMeterProvider provider) {
    CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
    assertThat(flushed.isSuccess()).as("the SDK's export to the stand-in receiver").isTrue();
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  /** The stand-in for the gateway's OTLP receiver: answers once the exporter has sent the batch. */
  private final class HandToExporter extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(
        ExportMetricsServiceRequest request,
        StreamObserver<ExportMetricsServiceResponse> response) {
      try {
        exporter.consume(Batches.of(request));
        response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
        response.onCompleted();
      } catch (ConsumerException e) {
        response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
      }
    }
  }
}
