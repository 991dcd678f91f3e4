package dev.tailgate.pipeline.testing;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** Batches from OTLP requests, for tests: the signal is told by the request's type. */
public final class Batches {
  private Batches() {}

  public static Batch<ExportTraceServiceRequest> of(ExportTraceServiceRequest request) {
    return Batch.of(Signal.TRACES, request);
  }

  public static Batch<ExportMetricsServiceRequest> of(ExportMetricsServiceRequest request) {
    return Batch.of(Signal.METRICS, request);
  }

  public static Batch<ExportLogsServiceRequest> of(ExportLogsServiceRequest request) {
    return Batch.of(Signal.LOGS, request);
  }

  /** As a receiver makes it: the request's bytes, under {@code lease}. */
  public static <T> Batch<T> wire(Signal<T> signal, T request, Lease lease) {
    return Batch.ofWire(signal, signal.encode(request), signal.count(request), lease);
  }
}
