package dev.tailgate.processor.filter;

import dev.tailgate.pipeline.ComponentSettings;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Processor;
import dev.tailgate.pipeline.ProcessorFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.processor.ottl.Condition;
import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.ErrorMode;
import dev.tailgate.processor.ottl.OttlContext;
import dev.tailgate.processor.ottl.OttlEvaluationException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code filter}: parses the signal's conditions once, when the processor is built; a signal
 * without conditions gets a processor that passes every batch on without parsing it.
 */
public final class FilterProcessorFactory implements ProcessorFactory<FilterConfig> {
  private static final Logger log = LoggerFactory.getLogger(FilterProcessorFactory.class);

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
  @SuppressWarnings("unchecked") // each branch builds the filter of the signal it tests for
  public <T> Processor<T> create(
      ComponentSettings settings, FilterConfig config, Signal<T> signal, Consumer<T> next) {
    String name = settings.id() + "/" + signal.name();
    FilterMetrics metrics = new FilterMetrics(settings);
    ErrorMode mode = config.errorMode();
    Conditions.ErrorListener listener =
        (condition, error) -> failed(name, mode, metrics, condition, error);
    ItemFilter<?> filter;
    if (signal == Signal.TRACES) {
      var spans = Conditions.parse(config.traces().span(), OttlContext.SPAN, mode, listener);
      var events =
          Conditions.parse(config.traces().spanevent(), OttlContext.SPANEVENT, mode, listener);
      filter =
          spans.isEmpty() && events.isEmpty() ? null : new TracesFilter(spans, events, metrics);
    } else if (signal == Signal.METRICS) {
      var whole = Conditions.parse(config.metrics().metric(), OttlContext.METRIC, mode, listener);
      var points =
          Conditions.parse(config.metrics().datapoint(), OttlContext.DATAPOINT, mode, listener);
      filter =
          whole.isEmpty() && points.isEmpty() ? null : new MetricsFilter(whole, points, metrics);
    } else {
      var records = Conditions.parse(config.logs().logRecord(), OttlContext.LOG, mode, listener);
      filter = records.isEmpty() ? null : new LogsFilter(records, metrics);
    }
    if (filter == null) {
      return new PassThrough<>(next);
    }
    return new FilterProcessor<>(name, (ItemFilter<T>) filter, next);
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
