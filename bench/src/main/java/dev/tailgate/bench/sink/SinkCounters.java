package dev.tailgate.bench.sink;

import dev.tailgate.pipeline.Signal;

/** What the sink has received so far, for all three signals. */
public final class SinkCounters {
  private final SignalCounter traces = new SignalCounter(Signal.TRACES.itemName());
  private final SignalCounter metrics = new SignalCounter(Signal.METRICS.itemName());
  private final SignalCounter logs = new SignalCounter(Signal.LOGS.itemName());

  SignalCounter traces() {
    return traces;
  }

  SignalCounter metrics() {
    return metrics;
  }

  SignalCounter logs() {
    return logs;
  }

  public long spans() {
    return traces.items();
  }

  public long metricPoints() {
    return metrics.items();
  }

  public long logRecords() {
    return logs.items();
  }

  public long bytes() {
    return traces.bytes() + metrics.bytes() + logs.bytes();
  }

  public long requests() {
    return traces.requests() + metrics.requests() + logs.requests();
  }

  /** One line, {@code key=value} pairs, so scripts can take the last one. */
  public String summaryLine() {
    return "sink "
        + traces.itemName()
        + "="
        + spans()
        + " "
        + metrics.itemName()
        + "="
        + metricPoints()
        + " "
        + logs.itemName()
        + "="
        + logRecords()
        + " requests="
        + requests()
        + " bytes="
        + bytes();
  }
}
