package dev.tailgate.bench.sink;

import dev.tailgate.bench.CommandLineFlags;
import dev.tailgate.exporter.otlp.compression.SnappyFramedCodec;
import dev.tailgate.exporter.otlp.compression.ZstdCodec;
import dev.tailgate.pipeline.Signal;
import io.grpc.DecompressorRegistry;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC backend that accepts everything and only counts it, so a benchmark measures the
 * gateway and not a real backend.
 */
public final class SinkServer implements AutoCloseable {
  /** A gateway batch of 8192 large spans is well over gRPC's 4 MiB default. */
  private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

  private final SinkCounters counters = new SinkCounters();
  private final Server server;

  public SinkServer(String host, int port) {
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            // Reads what the gateway's otlp exporter can send (BENCH_COMPRESSION=gzip|zstd|snappy).
            .decompressorRegistry(
                DecompressorRegistry.getDefaultInstance()
                    .with(new ZstdCodec(ZstdCodec.DEFAULT_LEVEL), true)
                    .with(new SnappyFramedCodec(), true))
            .addService(
                CountingService.of(
                    TraceServiceGrpc.getExportMethod(),
                    Signal.TRACES,
                    counters.traces(),
                    ExportTraceServiceResponse.getDefaultInstance()))
            .addService(
                CountingService.of(
                    MetricsServiceGrpc.getExportMethod(),
                    Signal.METRICS,
                    counters.metrics(),
                    ExportMetricsServiceResponse.getDefaultInstance()))
            .addService(
                CountingService.of(
                    LogsServiceGrpc.getExportMethod(),
                    Signal.LOGS,
                    counters.logs(),
                    ExportLogsServiceResponse.getDefaultInstance()))
            .build();
  }

  public SinkServer start() throws IOException {
    server.start();
    return this;
  }

  public int port() {
    return server.getPort();
  }

  public SinkCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) throws Exception {
    CommandLineFlags flags;
    try {
      flags = CommandLineFlags.parse(args, Set.of("host", "port", "report-interval"));
    } catch (IllegalArgumentException e) {
      System.err.println("sink: " + e.getMessage());
      System.err.println("usage: SinkServer [--host 127.0.0.1] --port 4317 [--report-interval 5s]");
      System.exit(2);
      return;
    }
    Duration interval = flags.duration("report-interval", Duration.ofSeconds(5));
    SinkServer sink =
        new SinkServer(flags.string("host", "127.0.0.1"), flags.integer("port", 4317)).start();
    System.out.println("sink listening on port " + sink.port());
    ScheduledExecutorService reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sink-reporter");
              t.setDaemon(true);
              return t;
            });
    reporter.scheduleAtFixedRate(
        () -> System.out.println(sink.counters().summaryLine()),
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  reporter.shutdownNow();
                  sink.close();
                  System.out.println(sink.counters().summaryLine());
                  System.out.flush();
                },
                "sink-shutdown"));
    sink.awaitTermination();
  }

  private void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }
}
