package dev.tailgate.receiver.kafka;

import dev.tailgate.pipeline.ComponentId;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the offsets {@link OffsetTracker} says are safe and tells it, and the metrics, how that
 * went. Consumer thread only, like the KafkaConsumer it calls.
 */
final class OffsetCommitter {
  // Logs as the consumer loop it is part of, so that its log settings still apply.
  private static final Logger log = LoggerFactory.getLogger(KafkaConsumerLoop.class);

  private final ComponentId id;
  private final Consumer<byte[], byte[]> consumer;
  private final OffsetTracker offsets;
  private final KafkaReceiverMetrics metrics;
  private final Duration syncTimeout;

  OffsetCommitter(
      ComponentId id,
      Consumer<byte[], byte[]> consumer,
      OffsetTracker offsets,
      KafkaReceiverMetrics metrics,
      Duration syncTimeout) {
    this.id = id;
    this.consumer = consumer;
    this.offsets = offsets;
    this.metrics = metrics;
    this.syncTimeout = syncTimeout;
  }

  /** Commits what became safe without waiting; the outcome comes inside a later poll or commit. */
  void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> safe = offsets.committable();
    if (safe.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        safe,
        (done, error) -> {
          // Called on this thread, inside a later poll or commit.
          offsets.committed(safe, error == null);
          metrics.committed(error == null);
          if (error != null) {
            log.warn(
                "receivers.{}: committing offsets failed (tried again with the next): {}",
                id,
                error.toString());
          }
        });
  }

  /** Commits {@code safe} and waits, for a partition that goes or a consumer that closes. */
  void commitSync(Map<TopicPartition, OffsetAndMetadata> safe) {
    if (safe.isEmpty()) {
      return;
    }
    boolean ok = false;
    try {
      consumer.commitSync(safe, syncTimeout);
      ok = true;
    } finally {
      offsets.committed(safe, ok);
      metrics.committed(ok);
    }
  }
}
