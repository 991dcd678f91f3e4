package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
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
    @JsonProperty("storage") StorageConfig storage,
    @JsonProperty("block_on_overflow") Boolean blockOnOverflow,
    @JsonProperty("wait_for_result") Boolean waitForResult,
    @JsonProperty("batch") @JsonDeserialize(using = QueueBatchConfig.NullMeansDefaults.class)
        QueueBatchConfig batch)
    implements Validatable {

  public static final QueueConfig DEFAULT = new QueueConfig(null, null, null, null, null);

  public QueueConfig {
    enabled = enabled == null || enabled;
    numConsumers = numConsumers == null ? 10 : numConsumers;
    // A queue_size written without a sizer keeps the meaning it has in the Collector (requests), so
    // a pasted Collector config does not turn "1000 batches" into "1000 bytes".
    sizer = sizer != null ? sizer : queueSize == null ? QueueSizer.BYTES : QueueSizer.REQUESTS;
    queueSize = queueSize == null ? sizer.defaultSize() : queueSize;
    blockOnOverflow = blockOnOverflow != null && blockOnOverflow;
    waitForResult = waitForResult != null && waitForResult;
    // batch stays null when absent; an empty "batch:" binds to the Collector's defaults.
  }

  /** A queue without the Collector's batching and overflow keys. */
  public QueueConfig(
      Boolean enabled,
      Integer numConsumers,
      QueueSizer sizer,
      Long queueSize,
      StorageConfig storage) {
    this(enabled, numConsumers, sizer, queueSize, storage, null, null, null);
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

  /** True when the queue is also kept on disk ({@code storage.directory}). */
  public boolean persistent() {
    return storage != null && storage.onDisk();
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
    if (blockOnOverflow) {
      errors.warn(
          "sending_queue.block_on_overflow",
          "has no effect here: a full queue refuses new data retryably, and the receivers pass"
              + " that on to the client (503 / UNAVAILABLE), which waits and sends again");
    }
    if (waitForResult) {
      errors.check(
          storage == null,
          "sending_queue.wait_for_result",
          "cannot go with sending_queue.storage (a persistent queue answers once it has written)");
      errors.warn(
          "sending_queue.wait_for_result",
          "has no effect here: the caller is answered once the batch is queued; set"
              + " sending_queue.enabled: false to send on the caller's thread and wait for the"
              + " backend");
    }
    if (batch != null) {
      batch.validate(errors.at("sending_queue.batch"), this);
    }
  }
}
