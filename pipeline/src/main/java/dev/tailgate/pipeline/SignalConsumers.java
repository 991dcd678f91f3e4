package dev.tailgate.pipeline;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Optional;

/**
 * The consumers a receiver feeds, one per signal; a signal is empty when no pipeline of that signal
 * names the receiver, and the receiver then does not serve it.
 */
public record SignalConsumers(
    Optional<Consumer<ExportTraceServiceRequest>> traces,
    Optional<Consumer<ExportMetricsServiceRequest>> metrics,
    Optional<Consumer<ExportLogsServiceRequest>> logs) {

  public static SignalConsumers ofTraces(Consumer<ExportTraceServiceRequest> traces) {
    return new SignalConsumers(Optional.of(traces), Optional.empty(), Optional.empty());
  }

  @SuppressWarnings("unchecked")
  public <T> Optional<Consumer<T>> get(Signal<T> signal) {
    Optional<?> consumer =
        switch (signal.name()) {
          case "traces" -> traces;
          case "metrics" -> metrics;
          case "logs" -> logs;
          default -> throw new IllegalArgumentException(signal.name());
        };
    return (Optional<Consumer<T>>) consumer;
  }
}
