package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code sending_queue}: a bounded queue of batches drained by {@code num_consumers} senders. When
 * it is full the pipeline refuses new data with a retryable error, so clients back off instead of
 * the gateway running out of memory. {@code queue_size} counts what {@code sizer} says: encoded
 * bytes by default (128 MiB), or items, or requests (batches); a {@code queue_size} given without a
 * sizer counts requests, as in the Collector. In memory unless {@code storage} names a directory,
 * where the queued batches are also written so that they are sent after a crash and restart.
 */
public record QueueConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("num_consumers") Integer numConsumers,
    @JsonProperty("sizer") QueueSizer sizer,
    @JsonProperty("queue_size") Long queueSize,
    @JsonProperty("storage") StorageConfig storage)
    implements Validatable {

  public static final QueueConfig DEFAULT = new QueueConfig(null, null, null, null, null);

  public QueueConfig {
    enabled = enabled == null || enabled;
    numConsumers = numConsumers == null ? 10 : numConsumers;
    // A queue_size written without a sizer keeps the meaning it has in the Collector (requests), so
    // a pasted Collector config does not turn "1000 batches" into "1000 bytes".
    sizer = sizer != null ? sizer : queueSize == null ? QueueSizer.BYTES : QueueSizer.REQUESTS;
    queueSize = queueSize == null ? sizer.defaultSize() : queueSize;
  }

  /** An in-memory queue of at most {@code queueSize} batches (the requests sizer). */
  public QueueConfig(Boolean enabled, Integer numConsumers, Integer queueSize) {
    this(enabled, numConsumers, queueSize, null);
  }

  /** A queue of at most {@code queueSize} batches (the requests sizer). */
  public QueueConfig(
      Boolean enabled, Integer numConsumers, Integer queueSize, StorageConfig storage) {
    this(
        enabled,
        numConsumers,
        QueueSizer.REQUESTS,
        queueSize == null ? null : queueSize.longValue(),
        storage);
  }

  public boolean persistent() {
    return storage != null;
  }

  /** The size in the sizer's unit, for messages: "1000 requests", "134217728 bytes". */
  public String describeSize() {
    return queueSize + " " + sizer.configName();
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(numConsumers > 0, "sending_queue.num_consumers", "must be > 0");
    errors.check(queueSize > 0, "sending_queue.queue_size", "must be > 0");
    if (storage != null) {
      errors.check(
          enabled, "sending_queue.storage", "needs the queue (sending_queue.enabled: true)");
      storage.validate(errors.at("sending_queue.storage"));
    }
  }
}
