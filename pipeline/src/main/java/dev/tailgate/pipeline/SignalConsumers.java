package dev.tailgate.pipeline;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Optional;

/**
 * The consumers a receiver feeds, one per signal; a signal is empty when no pipeline of that signal
 * names the receiver, and the receiver then does not serve it.
 */
public final class SignalConsumers {
  private static final SignalMap.Kind CONSUMER = new SignalMap.Kind("consumer");

  private final SignalMap consumers;

  private SignalConsumers(SignalMap consumers) {
    this.consumers = consumers;
  }

  public SignalConsumers(
      Optional<Consumer<ExportTraceServiceRequest>> traces,
      Optional<Consumer<ExportMetricsServiceRequest>> metrics,
      Optional<Consumer<ExportLogsServiceRequest>> logs) {
    this(
        with(
            with(with(SignalMap.empty(), Signal.TRACES, traces), Signal.METRICS, metrics),
            Signal.LOGS,
            logs));
  }

  /** Feeds no signal. */
  public static SignalConsumers none() {
    return new SignalConsumers(SignalMap.empty());
  }

  public static SignalConsumers ofTraces(Consumer<ExportTraceServiceRequest> traces) {
    return none().with(Signal.TRACES, traces);
  }

  /** These consumers, and {@code consumer} for {@code signal}. */
  public <T> SignalConsumers with(Signal<T> signal, Consumer<T> consumer) {
    return new SignalConsumers(consumers.with(key(signal), consumer));
  }

  public <T> Optional<Consumer<T>> get(Signal<T> signal) {
    return consumers.get(key(signal));
  }

  public Optional<Consumer<ExportTraceServiceRequest>> traces() {
    return get(Signal.TRACES);
  }

  public Optional<Consumer<ExportMetricsServiceRequest>> metrics() {
    return get(Signal.METRICS);
  }

  public Optional<Consumer<ExportLogsServiceRequest>> logs() {
    return get(Signal.LOGS);
  }

  private static <T> SignalMap with(SignalMap map, Signal<T> signal, Optional<Consumer<T>> next) {
    return next.map(consumer -> map.with(key(signal), consumer)).orElse(map);
  }

  private static <T> SignalMap.Key<Consumer<T>> key(Signal<T> signal) {
    return CONSUMER.key(signal);
  }
}
