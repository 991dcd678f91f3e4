package dev.tailgate.processor.filter;

import dev.tailgate.pipeline.ComponentSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The filter processor's self-metrics: {@code tailgate.processor.filter.dropped.<items>}
 * (Prometheus {@code tailgate_processor_filter_dropped_<items>_total}) and {@code
 * tailgate.processor.filter.errors}, conditions that could not be evaluated on an item; tagged
 * {@code processor}.
 */
final class FilterMetrics {
  private final MeterRegistry meters;
  private final Tags tags;
  private final Counter errors;

  FilterMetrics(ComponentSettings settings) {
    this.meters = settings.meters();
    this.tags = Tags.of("processor", settings.id().toString());
    this.errors =
        Counter.builder("tailgate.processor.filter.errors")
            .description(
                "Conditions that failed to evaluate on an item (error_mode decides what followed)")
            .tags(tags)
            .register(meters);
  }

  /**
   * The counter of dropped {@code items} (spans, span_events, metrics, datapoints, log_records).
   */
  Counter dropped(String items) {
    return Counter.builder("tailgate.processor.filter.dropped." + items)
        .description("Items dropped because they matched a condition")
        .tags(tags)
        .register(meters);
  }

  void error() {
    errors.increment();
  }
}
