package dev.tailgate.receiver.kafka;

import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Records of one partition fetched but not yet taken by the pipeline, because it refused the first
 * of them: they are handed again, in order, once {@link #due} (and the partition stays paused, so
 * nothing new is fetched behind them). Consumer thread only.
 */
final class PartitionBacklog {
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> records = new ArrayDeque<>();
  private long retryAtNanos;
  private boolean paused;

  void add(Iterable<ConsumerRecord<byte[], byte[]>> fetched) {
    fetched.forEach(records::addLast);
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  ConsumerRecord<byte[], byte[]> next() {
    return records.peekFirst();
  }

  void taken() {
    records.removeFirst();
  }

  boolean due(long nowNanos) {
    return nowNanos - retryAtNanos >= 0;
  }

  void retryAt(long nanos) {
    retryAtNanos = nanos;
  }

  boolean paused() {
    return paused;
  }

  void paused(boolean paused) {
    this.paused = paused;
  }
}
