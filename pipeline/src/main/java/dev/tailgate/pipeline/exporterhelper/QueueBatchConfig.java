package dev.tailgate.pipeline.exporterhelper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sending_queue.batch}: the Collector's batching inside the exporter helper. Bound and
 * checked with the Collector's rules and defaults, but it does not batch here: the sending queue
 * holds each batch as the bytes it arrived in (so an unchanged batch leaves as those bytes, and a
 * persistent queue writes them as they are), and merging batches in the helper would duplicate the
 * {@code batch} processor, which already merges, splits and pushes back. {@link
 * #warnInert(ConfigErrors)} says so.
 */
public record QueueBatchConfig(
    @JsonProperty("flush_timeout") Duration flushTimeout,
    @JsonProperty("min_size") Long minSize,
    @JsonProperty("max_size") Long maxSize,
    @JsonProperty("sizer") QueueSizer sizer,
    @JsonProperty("partition") Partition partition) {

  /** The Collector's defaults: 200 ms, at least 8192 items, no upper limit. */
  public static final QueueBatchConfig DEFAULT = new QueueBatchConfig(null, null, null, null, null);

  public QueueBatchConfig {
    flushTimeout = flushTimeout == null ? Duration.ofMillis(200) : flushTimeout;
    minSize = minSize == null ? 8192L : minSize;
    maxSize = maxSize == null ? 0L : maxSize;
    sizer = sizer == null ? QueueSizer.ITEMS : sizer;
    partition = partition == null ? new Partition(null) : partition;
  }

  /** {@code sending_queue.batch.partition}: batches kept apart by these request metadata keys. */
  public record Partition(@JsonProperty("metadata_keys") List<String> metadataKeys) {
    public Partition {
      metadataKeys = metadataKeys == null ? List.of() : List.copyOf(metadataKeys);
    }
  }

  /**
   * Binds the block as usual, and an empty {@code batch:} (YAML null) to the defaults: in the
   * Collector that asks for batching, so it must not read as if the key were absent.
   */
  static final class NullMeansDefaults extends StdDeserializer<QueueBatchConfig> {
    NullMeansDefaults() {
      super(QueueBatchConfig.class);
    }

    @Override
    public QueueBatchConfig deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return context.readValue(parser, QueueBatchConfig.class);
    }

    @Override
    public QueueBatchConfig getNullValue(DeserializationContext context) {
      return DEFAULT;
    }

    /** An absent key stays null (no batching); Jackson would otherwise ask getNullValue. */
    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return null;
    }
  }

  /** Validates below {@code sending_queue.batch}; {@code queue} is the enclosing queue. */
  void validate(ConfigErrors errors, QueueConfig queue) {
    errors.check(
        sizer != QueueSizer.REQUESTS, "sizer", "must be items or bytes (batches are sized so)");
    errors.check(flushTimeout.toNanos() > 0, "flush_timeout", "must be > 0");
    errors.check(minSize >= 0, "min_size", "must be >= 0");
    errors.check(maxSize >= 0, "max_size", "must be >= 0 (0: no limit)");
    errors.check(
        maxSize == 0 || maxSize >= minSize,
        "max_size",
        "must be 0 or >= min_size (" + minSize + ")");
    errors.check(
        sizer != queue.sizer() || minSize <= queue.queueSize(),
        "min_size",
        "must be <= sending_queue.queue_size (" + queue.queueSize() + ")");
    List<String> seen = new ArrayList<>();
    for (String key : partition.metadataKeys()) {
      String lower = key.toLowerCase(Locale.ROOT);
      errors.check(
          !seen.contains(lower),
          "partition.metadata_keys",
          "duplicate entry \"" + lower + "\" (case-insensitive)");
      seen.add(lower);
    }
    warnInert(errors);
  }

  private static void warnInert(ConfigErrors errors) {
    errors.warn(
        "",
        "has no effect here: the exporter's queue sends batches as they come; put the batch"
            + " processor in front of the exporter to merge and split them");
  }
}
