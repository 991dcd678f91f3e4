package dev.tailgate.processor.redaction;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Set;

public final class RedactionProcessorFactory implements ProcessorFactory<RedactionConfig> {

  @Override
  public String type() {
    return "redaction";
  }

  @Override
  public Class<RedactionConfig> configType() {
    return RedactionConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Processor<T> create(ComponentSettings settings, RedactionConfig config, Signal<T> signal, Consumer<T> next) {
    return new RedactionProcessor<>(settings, signal, redactorFor(signal, new AttributeRedactor(config)), next);
  }

  /** The signal constants are the only instances, so identity tells which message type T is. */
  @SuppressWarnings("unchecked")
  static <T> BatchRedactor<T> redactorFor(Signal<T> signal, AttributeRedactor attributes) {
    if (signal == Signal.TRACES) {
      return (BatchRedactor<T>) (BatchRedactor<ExportTraceServiceRequest>) new TraceRedactor(attributes);
    }
    if (signal == Signal.METRICS) {
      return (BatchRedactor<T>) (BatchRedactor<ExportMetricsServiceRequest>) new MetricRedactor(attributes);
    }
    if (signal == Signal.LOGS) {
      return (BatchRedactor<T>) (BatchRedactor<ExportLogsServiceRequest>) new LogRedactor(attributes);
    }
    throw new IllegalArgumentException("redaction does not support signal " + signal.name());
  }
}
