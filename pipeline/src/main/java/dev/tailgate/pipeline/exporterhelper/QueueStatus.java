package dev.tailgate.pipeline.exporterhelper;

/** What an exporter's queue holds, for health checks. */
public interface QueueStatus {
  int queueSize();

  int queueCapacity();
}
