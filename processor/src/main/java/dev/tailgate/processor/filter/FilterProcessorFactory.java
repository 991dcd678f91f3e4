package dev.tailgate.processor.filter;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.SignalMap;
import dev.tailgate.processor.ottl.Condition;
import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.ErrorMode;
import dev.tailgate.processor.ottl.OttlContext;
import dev.tailgate.processor.ottl.OttlEvaluationException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code filter}: parses the signal's conditions once, when the processor is built; a signal
 * without conditions gets a processor that passes every batch on without parsing it.
 */
public final class FilterProcessorFactory implements ProcessorFactory<FilterConfig> {
  private static final Logger log = LoggerFactory.getLogger(FilterProcessorFactory.class);
  private static final SignalMap.Kind FILTER = new SignalMap.Kind("filter builder");

  /** How each signal's filter is built. */
  private static final SignalMap FILTERS =
      SignalMap.of(filterKey(Signal.TRACES), FilterProcessorFactory::traces)
          .with(filterKey(Signal.METRICS), FilterProcessorFactory::metrics)
          .with(filterKey(Signal.LOGS), FilterProcessorFactory::logs);

  @Override
  public String type() {
    return "filter";
  }

  @Override
  public Class<FilterConfig> configType() {
    return FilterConfig.class;
  }

  @Override
  public Set<Signal<?>> signals() {
    return Set.copyOf(Signal.ALL);
  }

  @Override
  public <T> Processor<T> create(
      ComponentSettings settings, FilterConfig config, Signal<T> signal, Consumer<T> next) {
    String name = settings.id() + "/" + signal.name();
    FilterMetrics metrics = new FilterMetrics(settings);
    ErrorMode mode = config.errorMode();
    Conditions.ErrorListener listener =
        (condition, error) -> failed(name, mode, metrics, condition, error);
    return FILTERS
        .get(filterKey(signal))
        .orElseThrow(() -> new IllegalArgumentException("filter cannot filter " + signal.name()))
        .build(config, mode, listener, metrics)
        .<Processor<T>>map(filter -> new FilterProcessor<>(name, filter, next))
        .orElseGet(() -> new PassThrough<>(next));
  }

  /** Builds a signal's filter from its conditions; empty when the config gives it none. */
  @FunctionalInterface
  private interface FilterBuilder<T> {
    Optional<ItemFilter<T>> build(
        FilterConfig config,
        ErrorMode mode,
        Conditions.ErrorListener listener,
        FilterMetrics metrics);
  }

  private static Optional<ItemFilter<ExportTraceServiceRequest>> traces(
      FilterConfig config,
      ErrorMode mode,
      Conditions.ErrorListener listener,
      FilterMetrics metrics) {
    var spans = Conditions.parse(config.spanDropConditions(), OttlContext.SPAN, mode, listener);
    var events =
        Conditions.parse(config.traces().spanevent(), OttlContext.SPANEVENT, mode, listener);
    return spans.isEmpty() && events.isEmpty()
        ? Optional.empty()
        : Optional.of(new TracesFilter(spans, events, metrics));
  }

  private static Optional<ItemFilter<ExportMetricsServiceRequest>> metrics(
      FilterConfig config,
      ErrorMode mode,
      Conditions.ErrorListener listener,
      FilterMetrics metrics) {
    var whole = Conditions.parse(config.metricDropConditions(), OttlContext.METRIC, mode, listener);
    var points =
        Conditions.parse(config.metrics().datapoint(), OttlContext.DATAPOINT, mode, listener);
    return whole.isEmpty() && points.isEmpty()
        ? Optional.empty()
        : Optional.of(new MetricsFilter(whole, points, metrics));
  }

  private static Optional<ItemFilter<ExportLogsServiceRequest>> logs(
      FilterConfig config,
      ErrorMode mode,
      Conditions.ErrorListener listener,
      FilterMetrics metrics) {
    var records = Conditions.parse(config.logDropConditions(), OttlContext.LOG, mode, listener);
    return records.isEmpty() ? Optional.empty() : Optional.of(new LogsFilter(records, metrics));
  }

  private static <T> SignalMap.Key<FilterBuilder<T>> filterKey(Signal<T> signal) {
    return FILTER.key(signal);
  }

  private static void failed(
      String name,
      ErrorMode mode,
      FilterMetrics metrics,
      Condition<?> condition,
      OttlEvaluationException error) {
    metrics.error();
    if (mode == ErrorMode.IGNORE) {
      log.warn(
          "processor {}: condition {} failed on an item, which is kept: {}",
          name,
          condition.text(),
          error.getMessage());
    }
  }

  /** A filter with nothing to do for this signal. */
  private record PassThrough<T>(Consumer<T> next) implements Processor<T> {
    @Override
    public void consume(dev.tailgate.pipeline.Batch<T> batch) {
      next.consume(batch);
    }
  }
}
