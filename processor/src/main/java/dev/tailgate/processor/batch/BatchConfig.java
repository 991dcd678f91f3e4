package dev.tailgate.processor.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;

/**
 * {@code batch}: groups items into batches of {@code send_batch_size}, sends what it has after
 * {@code timeout}, and splits batches larger than {@code send_batch_max_size} (0: no limit).
 */
public record BatchConfig(
    @JsonProperty("send_batch_size") Integer sendBatchSize,
    @JsonProperty("send_batch_max_size") Integer sendBatchMaxSize,
    @JsonProperty("timeout") Duration timeout)
    implements Validatable {

  public BatchConfig {
    sendBatchSize = sendBatchSize == null ? 8192 : sendBatchSize;
    sendBatchMaxSize = sendBatchMaxSize == null ? 0 : sendBatchMaxSize;
    timeout = timeout == null ? Duration.ofMillis(200) : timeout;
  }

  /**
   * How many items may wait while the next consumer refuses data (a full exporter queue). Past it
   * the processor refuses too, so receivers push back on clients instead of buffering without
   * bound.
   */
  public int maxPendingItems() {
    return 4 * Math.max(sendBatchSize, sendBatchMaxSize);
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(sendBatchSize > 0, "send_batch_size", "must be > 0");
    errors.check(sendBatchMaxSize >= 0, "send_batch_max_size", "must be >= 0 (0: no limit)");
    errors.check(
        sendBatchMaxSize == 0 || sendBatchMaxSize >= sendBatchSize,
        "send_batch_max_size",
        "must be 0 or >= send_batch_size (" + sendBatchSize + ")");
    errors.check(timeout.toNanos() > 0, "timeout", "must be > 0");
  }
}
