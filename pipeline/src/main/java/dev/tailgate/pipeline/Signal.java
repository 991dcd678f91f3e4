package dev.tailgate.pipeline;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;

/**
 * One of the three OTLP signals, with the few operations the pipeline needs on its request message.
 * The OTLP export request is the data model: there is no second one.
 */
public interface Signal<T> {
  Signal<ExportTraceServiceRequest> TRACES = new TracesSignal();
  Signal<ExportMetricsServiceRequest> METRICS = new MetricsSignal();
  Signal<ExportLogsServiceRequest> LOGS = new LogsSignal();

  List<Signal<?>> ALL = List.of(TRACES, METRICS, LOGS);

  /** As in {@code service.pipelines}: traces, metrics, logs. */
  String name();

  /** What is counted in self-metrics: spans, metric_points, log_records. */
  String itemName();

  /** Items (spans, data points, log records) in the batch. */
  int count(T batch);

  /** One batch holding all parts, in order; cheap, since protobuf messages share sub-messages. */
  T merge(List<T> parts);

  /**
   * Splits into batches of at most {@code maxItems} items (which must be > 0), keeping resources
   * and scopes.
   */
  List<T> split(T batch, int maxItems);

  /** The binary protobuf encoding, as {@link #parse} reads it. */
  byte[] encode(T batch);

  /** Parses the binary protobuf encoding. */
  T parse(byte[] bytes) throws com.google.protobuf.InvalidProtocolBufferException;

  static Signal<?> byName(String name) {
    for (Signal<?> signal : ALL) {
      if (signal.name().equals(name)) {
        return signal;
      }
    }
    throw new IllegalArgumentException(
        "unknown signal \"" + name + "\" (expected traces, metrics or logs)");
  }
}
