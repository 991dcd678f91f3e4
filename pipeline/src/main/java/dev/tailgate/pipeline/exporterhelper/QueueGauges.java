package dev.tailgate.pipeline.exporterhelper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * A sending queue's size and capacity gauges. A registry keeps the first gauge of a name and tags,
 * so an exporter rebuilt by a config reload can show its own queue only once the old instance's
 * gauges are removed.
 */
final class QueueGauges {
  private final MeterRegistry meters;
  private final Tags tags;
  private final BatchQueue<?> queue;
  private final QueueConfig config;
  private final List<Meter> registered = new ArrayList<>();

  QueueGauges(MeterRegistry meters, Tags tags, BatchQueue<?> queue, QueueConfig config) {
    this.meters = meters;
    this.tags = tags;
    this.queue = queue;
    this.config = config;
  }

  synchronized void register() {
    if (!config.enabled() || !registered.isEmpty()) {
      return;
    }
    registered.add(
        Gauge.builder("tailgate.exporter.queue.size", queue, BatchQueue::size)
            .tags(tags)
            .description("Room the sending queue's waiting batches take, in its sizer's unit")
            .register(meters));
    registered.add(
        Gauge.builder("tailgate.exporter.queue.capacity", config, QueueConfig::queueSize)
            // Same tags as the size gauge, so that size / capacity matches in PromQL.
            .tags(tags)
            .description("Room in the sending queue, in its sizer's unit")
            .register(meters));
  }

  synchronized void remove() {
    registered.forEach(meters::remove);
    registered.clear();
  }
}
