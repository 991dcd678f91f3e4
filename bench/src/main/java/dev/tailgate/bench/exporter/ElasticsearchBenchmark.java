package dev.tailgate.bench.exporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailgate.bench.LogsPayloadFactory;
import dev.tailgate.bench.PayloadFactory;
import dev.tailgate.exporter.elasticsearch.BulkBodies;
import dev.tailgate.exporter.elasticsearch.ElasticsearchExporterConfig;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The elasticsearch exporter's work short of HTTP, in ns per document: the bench traces payload
 * (100 spans × 10 attributes) and a logs payload of the same shape (100 records × 10 attributes)
 * turned into {@code _bulk} ndjson bodies with the exporter's defaults (mapping.mode otel, data
 * stream routing, 5 MiB flush, so one body per request), as {@code ElasticsearchSender} makes them.
 * Compare with {@code ProtobufFloorBenchmark} divided by 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ElasticsearchBenchmark {
  static final int ITEMS = 100;
  private static final int ATTRIBUTES = 10;

  private ExportTraceServiceRequest traces;
  private ExportLogsServiceRequest logs;
  private BulkBodies<ExportTraceServiceRequest> traceBodies;
  private BulkBodies<ExportLogsServiceRequest> logBodies;

  @Setup
  public void setUp() throws IOException {
    traces = new PayloadFactory(ITEMS, ATTRIBUTES).create(42);
    logs = new LogsPayloadFactory(ITEMS, ATTRIBUTES).create(42);
    ElasticsearchExporterConfig config = defaultConfig();
    traceBodies = BulkBodies.of(config, Signal.TRACES);
    logBodies = BulkBodies.of(config, Signal.LOGS);
    System.out.printf(
        "%ntraces: %d bytes OTLP -> %d bytes ndjson; logs: %d bytes OTLP -> %d bytes ndjson%n",
        traces.getSerializedSize(),
        bytes(traceBodies.of(traces)),
        logs.getSerializedSize(),
        bytes(logBodies.of(logs)));
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public List<byte[]> spans() {
    return traceBodies.of(traces);
  }

  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public List<byte[]> logRecords() {
    return logBodies.of(logs);
  }

  private static ElasticsearchExporterConfig defaultConfig() throws IOException {
    ConfigErrors errors = new ConfigErrors();
    ElasticsearchExporterConfig config =
        new ConfigBinder()
            .bind(
                new ObjectMapper().readTree("{\"endpoint\": \"http://127.0.0.1:9200\"}"),
                ElasticsearchExporterConfig.class,
                "exporters.elasticsearch",
                errors)
            .orElse(null);
    errors.throwIfAny();
    return config;
  }

  private static long bytes(List<byte[]> bodies) {
    return bodies.stream().mapToLong(body -> body.length).sum();
  }
}
