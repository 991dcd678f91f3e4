package dev.tailgate.exporter.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Exporter;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.pipeline.testing.Batches;
import dev.tailgate.pipeline.testing.ManualClock;
import dev.tailgate.pipeline.testing.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugExporterTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ManualClock clock = new ManualClock();

  @Test
  void basicWritesOneSummaryLinePerBatch() {
    exporter(Signal.TRACES, Verbosity.BASIC).consume(Batches.of(OtlpSamples.traces()));
    exporter(Signal.METRICS, Verbosity.BASIC).consume(Batches.of(OtlpSamples.metrics()));
    exporter(Signal.LOGS, Verbosity.BASIC).consume(Batches.of(OtlpSamples.logs()));

    assertThat(lines)
        .containsExactly(
            "traces: 2 resource spans, 3 spans",
            "metrics: 1 resource metrics, 2 metrics, 3 data points",
            "logs: 1 resource logs, 2 log records");
  }

  @Test
  void normalAddsALinePerSpanWithItsTraceId() {
    exporter(Signal.TRACES, Verbosity.NORMAL).consume(Batches.of(OtlpSamples.traces()));

    assertThat(lines)
        .containsExactly(
            "traces: 2 resource spans, 3 spans",
            "span \"GET /cart\" trace_id="
                + OtlpSamples.TRACE_ID
                + " span_id="
                + OtlpSamples.SPAN_ID,
            "span \"SELECT cart\" trace_id=" + OtlpSamples.TRACE_ID + " span_id=0000000000000002",
            "span \"charge\" trace_id=" + OtlpSamples.TRACE_ID + " span_id=0000000000000003");
  }

  @Test
  void normalAddsALinePerMetricWithItsPoints() {
    exporter(Signal.METRICS, Verbosity.NORMAL).consume(Batches.of(OtlpSamples.metrics()));

    assertThat(lines)
        .containsExactly(
            "metrics: 1 resource metrics, 2 metrics, 3 data points",
            "metric \"queue.depth\" gauge points=2",
            "metric \"requests\" sum points=1");
  }

  @Test
  void normalAddsALinePerLogRecordWithItsBody() {
    exporter(Signal.LOGS, Verbosity.NORMAL).consume(Batches.of(OtlpSamples.logs()));

    assertThat(lines)
        .containsExactly(
            "logs: 1 resource logs, 2 log records",
            "log record severity=WARN body=payment declined",
            "log record severity=SEVERITY_NUMBER_INFO body=cart saved");
  }

  @Test
  void detailedWritesTheWholeBatchIncludingResourceAndAttributes() {
    exporter(Signal.TRACES, Verbosity.DETAILED).consume(Batches.of(OtlpSamples.traces()));

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("traces: 2 resource spans, 3 spans");
    assertThat(lines.get(1))
        .contains("key: \"service.name\"", "string_value: \"checkout\"", "name: \"GET /cart\"")
        .contains("key: \"http.route\"", "string_value: \"/cart\"");
  }

  @Test
  void samplesBatchesButCountsEveryItemAsSent() {
    DebugExporter<ExportLogsServiceRequest> exporter =
        new DebugExporter<>(
            settings(), new DebugExporterConfig(Verbosity.BASIC, 1, 2), Signal.LOGS, lines::add);

    for (int i = 0; i < 4; i++) {
      exporter.consume(Batches.of(OtlpSamples.logs()));
    }

    assertThat(lines).hasSize(2);
    assertThat(
            meters
                .get("tailgate.exporter.sent.log_records")
                .tag("exporter", "debug")
                .counter()
                .count())
        .isEqualTo(8);
  }

  @Test
  void releasesEveryBatchItTakesWrittenOrSampledAway() {
    MemoryBudget budget = new MemoryBudget(1 << 20, new SimpleMeterRegistry());
    DebugExporter<ExportLogsServiceRequest> exporter =
        new DebugExporter<>(
            settings(), new DebugExporterConfig(Verbosity.NORMAL, 1, 2), Signal.LOGS, lines::add);

    for (int i = 0; i < 2; i++) { // the second is sampled away
      exporter.consume(Batches.wire(Signal.LOGS, OtlpSamples.logs(), budget.tryReserve(1000)));
    }

    assertThat(lines)
        .containsExactly(
            "logs: 1 resource logs, 2 log records",
            "log record severity=WARN body=payment declined",
            "log record severity=SEVERITY_NUMBER_INFO body=cart saved");
    assertThat(budget.used()).isZero();
  }

  @Test
  void factoryCreatesAnExporterForEverySignal() {
    DebugExporterFactory factory = new DebugExporterFactory(lines::add);

    assertThat(factory.type()).isEqualTo("debug");
    assertThat(factory.signals()).containsExactlyInAnyOrderElementsOf(Signal.ALL);
    factory
        .create(settings(), new DebugExporterConfig(null, null, null), Signal.METRICS)
        .consume(Batches.of(OtlpSamples.metrics()));
    assertThat(lines).containsExactly("metrics: 1 resource metrics, 2 metrics, 3 data points");
  }

  @Test
  void withoutTheInternalLoggerWritesToEachOutputPathInsteadOfTheLog(@TempDir Path dir)
      throws Exception {
    Path first = dir.resolve("debug-1.log");
    Path second = dir.resolve("debug-2.log");
    DebugExporterConfig config =
        new DebugExporterConfig(
            Verbosity.BASIC, 10, 1, false, List.of(first.toString(), second.toString()), null);

    new DebugExporterFactory(lines::add)
        .create(settings(), config, Signal.METRICS)
        .consume(Batches.of(OtlpSamples.metrics()));

    assertThat(lines).isEmpty();
    assertThat(Files.readAllLines(first))
        .containsExactly("metrics: 1 resource metrics, 2 metrics, 3 data points");
    assertThat(Files.readAllLines(second)).isEqualTo(Files.readAllLines(first));
  }

  private <T> Exporter<T> exporter(Signal<T> signal, Verbosity verbosity) {
    return new DebugExporterFactory(lines::add)
        .create(settings(), new DebugExporterConfig(verbosity, 100, 1), signal);
  }

  private ComponentSettings settings() {
    return TestSettings.of("debug", meters, clock);
  }
}
