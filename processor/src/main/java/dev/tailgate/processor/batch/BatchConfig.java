package dev.tailgate.processor.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code batch}: groups items into batches of {@code send_batch_size}, sends what it has after
 * {@code timeout}, and splits batches larger than {@code send_batch_max_size} (0: no limit). With
 * {@code timeout: 0}, as in the Collector, data is passed on as it comes, only split by {@code
 * send_batch_max_size}. {@code metadata_keys} and {@code metadata_cardinality_limit} are the
 * Collector's keys for batching per request metadata; they are checked as the Collector checks them
 * and warn, since batches here are kept apart by tenant, not by request headers.
 */
public record BatchConfig(
    @JsonProperty("send_batch_size") Integer sendBatchSize,
    @JsonProperty("send_batch_max_size") Integer sendBatchMaxSize,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("metadata_keys") List<String> metadataKeys,
    @JsonProperty("metadata_cardinality_limit") Integer metadataCardinalityLimit)
    implements Validatable {

  /** How often refused data is tried again when {@code timeout} is 0 (nothing else ticks then). */
  private static final Duration RETRY_WITHOUT_TIMEOUT = Duration.ofMillis(200);

  public BatchConfig {
    sendBatchSize = sendBatchSize == null ? 8192 : sendBatchSize;
    sendBatchMaxSize = sendBatchMaxSize == null ? 0 : sendBatchMaxSize;
    timeout = timeout == null ? Duration.ofMillis(200) : timeout;
    metadataKeys = metadataKeys == null ? List.of() : List.copyOf(metadataKeys);
    metadataCardinalityLimit = metadataCardinalityLimit == null ? 1000 : metadataCardinalityLimit;
  }

  /** The three sizing keys, the Collector's defaults for the rest. */
  public BatchConfig(Integer sendBatchSize, Integer sendBatchMaxSize, Duration timeout) {
    this(sendBatchSize, sendBatchMaxSize, timeout, null, null);
  }

  /** Items waiting that make the processor pass them on at once: 1 when {@code timeout} is 0. */
  int sendTrigger() {
    return timeout.isZero() ? 1 : sendBatchSize;
  }

  /** How often the timer passes on what waits (and retries what was refused). */
  Duration tickInterval() {
    return timeout.isZero() ? RETRY_WITHOUT_TIMEOUT : timeout;
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
    errors.check(!timeout.isNegative(), "timeout", "must be >= 0 (0: pass data on at once)");
    List<String> seen = new ArrayList<>();
    for (String key : metadataKeys) {
      String lower = key == null ? "" : key.toLowerCase(Locale.ROOT);
      errors.check(
          !seen.contains(lower),
          "metadata_keys",
          "duplicate entry \"" + lower + "\" (case-insensitive)");
      seen.add(lower);
    }
    errors.check(metadataCardinalityLimit >= 0, "metadata_cardinality_limit", "must be >= 0");
    if (!metadataKeys.isEmpty()) {
      errors.warn(
          "metadata_keys",
          "has no effect here: batches are kept apart by tenant (the authenticated client), not"
              + " by request headers, which do not travel with the data");
    }
  }
}
