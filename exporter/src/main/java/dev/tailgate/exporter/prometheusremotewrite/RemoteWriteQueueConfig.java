package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import java.util.List;

/**
 * {@code remote_write_queue}, the Collector's own queue block of this exporter, in place of {@code
 * sending_queue}. As there, the queue holds {@code queue_size} batches and is drained by one sender
 * (samples of a series must arrive in time order); {@code num_consumers} is how many parts of a
 * split batch are posted at once, unless {@code max_batch_request_parallelism} says otherwise.
 * Parts of one batch never share a series, so sending them together reorders nothing.
 */
public record RemoteWriteQueueConfig(
    @JsonProperty("enabled") Boolean enabled,
    @JsonProperty("queue_size") Integer queueSize,
    @JsonProperty("num_consumers") Integer numConsumers,
    @JsonProperty("include_metadata_keys") List<String> includeMetadataKeys) {

  /** The Collector's defaults: enabled, 10000 batches, 5 parts at once. */
  public static final RemoteWriteQueueConfig DEFAULT =
      new RemoteWriteQueueConfig(null, null, null, null);

  public RemoteWriteQueueConfig {
    enabled = enabled == null || enabled;
    queueSize = queueSize == null ? 10_000 : queueSize;
    numConsumers = numConsumers == null ? 5 : numConsumers;
    includeMetadataKeys =
        includeMetadataKeys == null ? List.of() : List.copyOf(includeMetadataKeys);
  }

  /** The exporter helper's queue this block stands for: one sender, counted in batches. */
  QueueConfig toSendingQueue() {
    return new QueueConfig(enabled, 1, Math.max(queueSize, 1));
  }

  void validate(ConfigErrors errors) {
    errors.check(queueSize >= 0, "queue_size", "must be >= 0");
    errors.check(
        !enabled || queueSize != 0,
        "queue_size",
        "must be > 0 while the queue is enabled (a queue of 0 would drop all data)");
    errors.check(numConsumers >= 0, "num_consumers", "must be >= 0");
    IncludedMetadataKeys.check(includeMetadataKeys, errors.at("include_metadata_keys"));
  }
}
