package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.tailgate.pipeline.Batch;
import java.util.Locale;

/** {@code sending_queue.sizer}: what {@code queue_size} counts, as in the Collector. */
public enum QueueSizer {
  /** Encoded bytes of the queued batches: what the queue costs in memory (our default). */
  BYTES(128L * 1024 * 1024),
  /** Spans, data points or log records. */
  ITEMS(200_000),
  /** Batches, whatever their size (the Collector's default). */
  REQUESTS(1000);

  private final long defaultSize;

  QueueSizer(long defaultSize) {
    this.defaultSize = defaultSize;
  }

  /** {@code queue_size} when the config does not set it. */
  public long defaultSize() {
    return defaultSize;
  }

  long sizeOf(Batch<?> batch) {
    return switch (this) {
      case BYTES -> batch.bytes();
      case ITEMS -> batch.items();
      case REQUESTS -> 1;
    };
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static QueueSizer of(String name) {
    for (QueueSizer sizer : values()) {
      if (sizer.configName().equals(name)) {
        return sizer;
      }
    }
    throw new IllegalArgumentException("must be bytes, items or requests, got \"" + name + "\"");
  }
}
