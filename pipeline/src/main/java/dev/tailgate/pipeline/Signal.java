package dev.tailgate.pipeline;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
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

  /** How the signal travels over OTLP (paths, gRPC method, partial success). */
  OtlpService<T, ?> otlp();

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
  ByteString encode(T batch);

  /** The size of {@link #encode}'s result, without encoding. */
  int serializedSize(T batch);

  /**
   * Parses the binary protobuf encoding. Nesting is allowed deeper than protobuf-java's default
   * (100 messages), to {@link #MAX_MESSAGE_NESTING}: an attribute value 64 levels deep, which the
   * receivers accept, is about 3 messages a level. Strings that are not valid UTF-8, which
   * protobuf-java refuses, are read with each malformed sequence replaced by U+FFFD (see {@link
   * dev.tailgate.pipeline.wire.Utf8Repair}); the bytes themselves are not changed.
   */
  T parse(ByteString bytes) throws InvalidProtocolBufferException;

  default T parse(byte[] bytes) throws InvalidProtocolBufferException {
    return parse(ByteString.copyFrom(bytes));
  }

  /** How deep {@link #parse} lets messages nest. */
  int MAX_MESSAGE_NESTING = 256;

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
