package dev.tailgate.exporter.debug;

import dev.tailgate.pipeline.Signal;

/** The formatter for each signal. */
final class BatchFormatters {
  private BatchFormatters() {}

  @SuppressWarnings("unchecked") // each Signal constant's type parameter is its request message
  static <T> BatchFormatter<T> forSignal(Signal<T> signal) {
    if (signal == Signal.TRACES) {
      return (BatchFormatter<T>) new TracesFormatter();
    }
    if (signal == Signal.METRICS) {
      return (BatchFormatter<T>) new MetricsFormatter();
    }
    if (signal == Signal.LOGS) {
      return (BatchFormatter<T>) new LogsFormatter();
    }
    throw new IllegalArgumentException("the debug exporter cannot format signal " + signal.name());
  }
}
