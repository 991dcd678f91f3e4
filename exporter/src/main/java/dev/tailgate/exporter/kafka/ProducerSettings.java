package dev.tailgate.exporter.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/**
 * {@code producer:} of the kafka exporter, the Collector's keys. {@code required_acks} -1 ("all")
 * waits for every in-sync replica and is the only setting with which the producer is idempotent (a
 * retried record is written once); 1 waits for the leader only, 0 for nothing. {@code
 * flush_max_messages} bounds the records of one batch in flight before its sender waits for their
 * acks (0: no bound).
 */
public record ProducerSettings(
    @JsonProperty("max_message_bytes") Integer maxMessageBytes,
    @JsonProperty("required_acks") Integer requiredAcks,
    @JsonProperty("compression") String compression,
    @JsonProperty("flush_max_messages") Integer flushMaxMessages)
    implements Validatable {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;
  static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
  public static final ProducerSettings DEFAULT = new ProducerSettings(null, null, null, null);

  public ProducerSettings {
    maxMessageBytes = maxMessageBytes == null ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes;
    requiredAcks = requiredAcks == null ? -1 : requiredAcks;
    compression = compression == null ? "none" : compression;
    flushMaxMessages = flushMaxMessages == null ? 0 : flushMaxMessages;
  }

  /** Idempotence needs acks from all in-sync replicas; the Java client refuses it otherwise. */
  boolean idempotent() {
    return requiredAcks == -1;
  }

  /** The Java client's spelling of {@code required_acks}. */
  String acks() {
    return requiredAcks == -1 ? "all" : Integer.toString(requiredAcks);
  }

  @Override
  public void validate(ConfigErrors errors) {
    // Below 1 KiB a single span with a few attributes would not fit a record.
    errors.check(
        maxMessageBytes >= 1024, "max_message_bytes", "must be >= 1024, not " + maxMessageBytes);
    errors.check(
        requiredAcks == -1 || requiredAcks == 0 || requiredAcks == 1,
        "required_acks",
        "must be -1 (all in-sync replicas), 1 (the leader) or 0 (none), not " + requiredAcks);
    errors.check(
        COMPRESSIONS.contains(compression),
        "compression",
        "must be one of " + String.join(", ", COMPRESSIONS) + ", not \"" + compression + "\"");
    errors.check(
        flushMaxMessages >= 0, "flush_max_messages", "must be >= 0, not " + flushMaxMessages);
  }
}
