package dev.tailgate.receiver.kafka;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reports, at most once a second, how far each assigned partition is behind: records not fetched
 * yet plus records fetched whose offsets are not committed. Consumer thread only.
 */
final class LagReporter {
  private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final Consumer<byte[], byte[]> consumer;
  private final OffsetTracker offsets;
  private final KafkaReceiverMetrics metrics;
  private final LongSupplier nanoTime;
  private long updatedNanos;

  LagReporter(
      Consumer<byte[], byte[]> consumer,
      OffsetTracker offsets,
      KafkaReceiverMetrics metrics,
      LongSupplier nanoTime) {
    this.consumer = consumer;
    this.offsets = offsets;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  void update() {
    long now = nanoTime.getAsLong();
    if (now - updatedNanos < EVERY_NANOS) {
      return;
    }
    updatedNanos = now;
    for (TopicPartition partition : offsets.assigned()) {
      OptionalLong behind;
      long position;
      try {
        behind = consumer.currentLag(partition);
        position = consumer.position(partition, Duration.ZERO);
      } catch (RuntimeException e) {
        continue; // no position yet: nothing fetched, nothing to say
      }
      long committed = offsets.find(partition).committed();
      long uncommitted = committed < 0 ? 0 : Math.max(0, position - committed);
      metrics.partition(partition, behind.orElse(0) + uncommitted, uncommitted);
    }
  }
}
