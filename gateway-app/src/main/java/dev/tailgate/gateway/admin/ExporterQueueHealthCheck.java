package dev.tailgate.gateway.admin;

import com.codahale.metrics.health.HealthCheck;
import dev.tailgate.pipeline.exporterhelper.QueueStatus;
import java.util.function.Supplier;

/**
 * One exporter's sending queue. A full queue means the pipeline is refusing data, which is what an
 * operator needs to see; a backend that is merely down shows as a growing queue, not as unhealthy.
 */
public final class ExporterQueueHealthCheck extends HealthCheck {
  private static final double FULL_FRACTION = 0.95;

  /** The exporter's queue now: a config reload may have rebuilt the exporter. */
  private final Supplier<QueueStatus> current;

  public ExporterQueueHealthCheck(Supplier<QueueStatus> current) {
    this.current = current;
  }

  @Override
  protected Result check() {
    QueueStatus queue = current.get();
    long size = queue.queueSize();
    long capacity = queue.queueCapacity();
    String unit = queue.queueUnit();
    // Sized in bytes, a queue refuses the next batch before it is filled to the last byte.
    return size >= capacity * FULL_FRACTION
        ? Result.unhealthy(
            "sending queue full (%d/%d %s): data is being refused", size, capacity, unit)
        : Result.healthy("sending queue %d/%d %s", size, capacity, unit);
  }
}
