package dev.tailgate.pipeline.exporterhelper;

/** What an exporter's queue holds, in its sizer's unit, for health checks. */
public interface QueueStatus {
  long queueSize();

  long queueCapacity();

  /** The unit of both: bytes, items or requests. */
  default String queueUnit() {
    return "requests";
  }
}
