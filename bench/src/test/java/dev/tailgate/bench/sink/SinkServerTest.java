package dev.tailgate.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.bench.loadgen.LoadGenerator;
import dev.tailgate.bench.loadgen.LoadOptions;
import dev.tailgate.bench.loadgen.LoadResult;
import dev.tailgate.exporter.otlp.compression.SnappyFramedCodec;
import dev.tailgate.exporter.otlp.compression.ZstdCodec;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinkServerTest {
  private SinkServer sink;

  @BeforeEach
  void startSink() throws Exception {
    sink = new SinkServer("127.0.0.1", 0).start();
  }

  @AfterEach
  void stopSink() {
    sink.close();
  }

  @Test
  void countsEverySpanTheLoadGeneratorHadAccepted() throws Exception {
    LoadOptions options =
        LoadOptions.fromArgs(
            new String[] {
              "--protocol",
              "grpc",
              "--endpoint",
              "127.0.0.1:" + sink.port(),
              "--concurrency",
              "2",
              "--duration",
              "200ms",
              "--spans-per-request",
              "20",
              "--attributes-per-span",
              "4",
              "--pool-size",
              "3"
            });

    LoadResult result = new LoadGenerator(options).run(LoadGenerator.payloadPool(options));

    assertThat(result.acceptedSpans()).isPositive();
    assertThat(result.refusedRequests() + result.failedRequests()).isZero();
    // Warm-up is zero, so every span sent was counted on both sides.
    assertThat(sink.counters().spans()).isEqualTo(result.acceptedSpans());
    assertThat(sink.counters().summaryLine()).contains("spans=" + result.acceptedSpans());
  }

  @Test
  void countsMetricPointsAndLogRecords() {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", sink.port()).usePlaintext().build();
    try {
      MetricsServiceGrpc.newBlockingStub(channel).export(metricsWithPoints(3));
      LogsServiceGrpc.newBlockingStub(channel).export(logsWithRecords(2));
    } finally {
      channel.shutdownNow();
    }

    assertThat(sink.counters().metricPoints()).isEqualTo(3);
    assertThat(sink.counters().logRecords()).isEqualTo(2);
    assertThat(sink.counters().requests()).isEqualTo(2);
    assertThat(sink.counters().bytes()).isPositive();
  }

  @Test
  void countsRequestsCompressedAsTheGatewaysOtlpExporterCompressesThem() {
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    compressors.register(new ZstdCodec(ZstdCodec.DEFAULT_LEVEL));
    compressors.register(new SnappyFramedCodec());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", sink.port())
            .usePlaintext()
            .compressorRegistry(compressors)
            .build();
    try {
      MetricsServiceGrpc.newBlockingStub(channel)
          .withCompression("zstd")
          .export(metricsWithPoints(3));
      MetricsServiceGrpc.newBlockingStub(channel)
          .withCompression("snappy")
          .export(metricsWithPoints(4));
    } finally {
      channel.shutdownNow();
    }

    assertThat(sink.counters().metricPoints()).isEqualTo(7);
  }

  private static ExportMetricsServiceRequest metricsWithPoints(int points) {
    Gauge.Builder gauge = Gauge.newBuilder();
    for (int i = 0; i < points; i++) {
      gauge.addDataPoints(NumberDataPoint.newBuilder().setAsInt(i));
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .addMetrics(Metric.newBuilder().setName("queue.size").setGauge(gauge))))
        .build();
  }

  private static ExportLogsServiceRequest logsWithRecords(int records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < records; i++) {
      scope.addLogRecords(LogRecord.newBuilder().setSeverityText("INFO"));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope))
        .build();
  }
}
