package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code sending_queue}: a bounded queue of batches drained by {@code num_consumers} senders. When
 * it is full the pipeline refuses new data with a retryable error, so clients back off instead of
 * the gateway running out of memory. In memory unless {@code storage} names a directory, where
 * the queued batches are also written so that they are sent after a crash and restart.
 */
public record QueueConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("num_consumers") Integer numConsumers,
    @JsonProperty("queue_size") Integer queueSize,
    @JsonProperty("storage") StorageConfig storage)
    implements Validatable {

  public static final QueueConfig DEFAULT = new QueueConfig(null, null, null, null);

  public QueueConfig {
    enabled = enabled == null || enabled;
    numConsumers = numConsumers == null ? 10 : numConsumers;
    queueSize = queueSize == null ? 1000 : queueSize;
  }

  /** An in-memory queue. */
  public QueueConfig(Boolean enabled, Integer numConsumers, Integer queueSize) {
    this(enabled, numConsumers, queueSize, null);
  }

  public boolean persistent() {
    return storage != null;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(numConsumers > 0, "sending_queue.num_consumers", "must be > 0");
    errors.check(queueSize > 0, "sending_queue.queue_size", "must be > 0");
    if (storage != null) {
      errors.check(enabled, "sending_queue.storage", "needs the queue (sending_queue.enabled: true)");
      storage.validate(errors.at("sending_queue.storage"));
    }
  }
}
