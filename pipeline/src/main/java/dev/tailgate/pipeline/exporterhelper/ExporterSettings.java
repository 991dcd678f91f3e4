package dev.tailgate.pipeline.exporterhelper;

import java.time.Duration;

/** The keys every exporter has: {@code timeout}, {@code sending_queue}, {@code retry_on_failure}. */
public record ExporterSettings(Duration timeout, QueueConfig queue, RetryConfig retry) {}
