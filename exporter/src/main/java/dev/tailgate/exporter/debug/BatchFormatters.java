package dev.tailgate.exporter.debug;

import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;

/** The formatter for each signal. */
final class BatchFormatters {
  private static final SignalMap.Kind FORMATTER = new SignalMap.Kind("debug formatter");

  private static final SignalMap FORMATTERS =
      SignalMap.of(key(Signal.TRACES), new TracesFormatter())
          .with(key(Signal.METRICS), new MetricsFormatter())
          .with(key(Signal.LOGS), new LogsFormatter());

  private BatchFormatters() {}

  static <T> BatchFormatter<T> forSignal(Signal<T> signal) {
    return FORMATTERS
        .get(key(signal))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the debug exporter cannot format signal " + signal.name()));
  }

  private static <T> SignalMap.Key<BatchFormatter<T>> key(Signal<T> signal) {
    return FORMATTER.key(signal);
  }
}
