package dev.tailgate.gateway.admin;

import com.codahale.metrics.health.HealthCheck;
import dev.tailgate.pipeline.exporterhelper.QueueStatus;

/**
 * One exporter's sending queue. A full queue means the pipeline is refusing data, which is what an
 * operator needs to see; a backend that is merely down shows as a growing queue, not as unhealthy.
 */
public final class ExporterQueueHealthCheck extends HealthCheck {
  private final QueueStatus queue;

  public ExporterQueueHealthCheck(QueueStatus queue) {
    this.queue = queue;
  }

  @Override
  protected Result check() {
    int size = queue.queueSize();
    int capacity = queue.queueCapacity();
    return size >= capacity
        ? Result.unhealthy("sending queue full (%d/%d batches): data is being refused", size, capacity)
        : Result.healthy("sending queue %d/%d batches", size, capacity);
  }
}
