package dev.tailgate.receiver.kafka;

import dev.tailgate.pipeline.ComponentId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: polls, hands records to the pipeline in partition order, pauses a partition
 * while the pipeline refuses (keeping its fetched records to hand again, never dropping them), and
 * commits asynchronously what {@link OffsetTracker} says is safe. It is the only thread that
 * touches the KafkaConsumer (which is not thread-safe); releases from the pipeline reach it through
 * the tracker. Nothing thrown stops it: an unexpected error is logged and the loop goes on after a
 * pause.
 */
final class KafkaConsumerLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(KafkaConsumerLoop.class);

  /** Short, so a release is committed within about this long of coming. */
  private static final Duration POLL = Duration.ofMillis(100);

  private static final Duration MIN_RETRY = Duration.ofMillis(100);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);
  private static final Duration AFTER_ERROR = Duration.ofSeconds(1);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(5);

  private final ComponentId id;
  private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private final Map<String, TopicIngest<?>> ingests;
  private final KafkaReceiverMetrics metrics;
  private final Duration revocationTimeout;
  private final LongSupplier nanoTime;
  private final OffsetTracker offsets = new OffsetTracker();
  private final OffsetCommitter committer;
  private final LagReporter lag;
  private final Map<TopicPartition, PartitionBacklog> backlogs = new HashMap<>();
  private final Rebalance rebalance = new Rebalance();
  private volatile boolean running = true;

  KafkaConsumerLoop(
      ComponentId id,
      org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
      Map<String, TopicIngest<?>> ingests,
      KafkaReceiverMetrics metrics,
      Duration revocationTimeout,
      LongSupplier nanoTime) {
    this.id = id;
    this.consumer = consumer;
    this.ingests = Map.copyOf(ingests);
    this.metrics = metrics;
    this.revocationTimeout = revocationTimeout;
    this.nanoTime = nanoTime;
    this.committer = new OffsetCommitter(id, consumer, offsets, metrics, SYNC_TIMEOUT);
    this.lag = new LagReporter(consumer, offsets, metrics, nanoTime);
  }

  /** Makes the loop end: it commits what is safe and closes the consumer. Any thread. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(ingests.keySet(), rebalance);
      while (running) {
        try {
          step();
        } catch (WakeupException e) {
          // stop() was called; the loop condition ends it.
        } catch (Throwable e) {
          log.error("receivers.{}: consuming failed; trying again in {}", id, AFTER_ERROR, e);
          sleep(AFTER_ERROR);
        }
      }
    } finally {
      close();
    }
  }

  /** The listener run() subscribes with; tests that drive {@link #step()} subscribe with it. */
  ConsumerRebalanceListener rebalanceListener() {
    return rebalance;
  }

  /** One round: poll, hand over what is due, commit what became safe. Visible for tests. */
  void step() {
    ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
    for (TopicPartition partition : polled.partitions()) {
      backlogs
          .computeIfAbsent(partition, p -> new PartitionBacklog())
          .add(polled.records(partition));
    }
    handOverDue();
    committer.commitAsync();
    lag.update();
  }

  private void handOverDue() {
    long now = nanoTime.getAsLong();
    for (Iterator<Map.Entry<TopicPartition, PartitionBacklog>> it = backlogs.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<TopicPartition, PartitionBacklog> entry = it.next();
      TopicPartition partition = entry.getKey();
      PartitionBacklog backlog = entry.getValue();
      PartitionOffsets tracked = offsets.find(partition);
      if (tracked == null) {
        it.remove(); // revoked since it was fetched
        continue;
      }
      if (backlog.due(now)) {
        handOver(partition, backlog, tracked, now);
      }
      if (backlog.isEmpty()) {
        if (backlog.paused()) {
          consumer.resume(List.of(partition));
          metrics.resumed();
        }
        it.remove();
      }
    }
  }

  private void handOver(
      TopicPartition partition, PartitionBacklog backlog, PartitionOffsets tracked, long now) {
    TopicIngest<?> ingest = ingests.get(partition.topic());
    while (!backlog.isEmpty()) {
      TopicIngest.Handoff handoff = ingest.handOver(backlog.next(), tracked);
      if (handoff instanceof TopicIngest.Handoff.Refused refused) {
        backlog.retryAt(now + clamp(refused.retryAfter()).toNanos());
        if (!backlog.paused()) {
          // Nothing more is fetched behind the refused record until the pipeline takes it.
          consumer.pause(List.of(partition));
          backlog.paused(true);
          metrics.paused(refused.memory());
          log.info("receivers.{}: paused {}: the pipeline refused a record", id, partition);
        }
        return;
      }
      backlog.taken();
    }
  }

  private static Duration clamp(Duration retryAfter) {
    return retryAfter.compareTo(MIN_RETRY) < 0
        ? MIN_RETRY
        : retryAfter.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryAfter;
  }

  private void close() {
    try {
      try {
        committer.commitSync(offsets.committable());
      } catch (WakeupException e) {
        // stop()'s wakeup came after the last poll and hit this call instead: once more.
        committer.commitSync(offsets.committable());
      }
    } catch (Throwable e) {
      log.warn("receivers.{}: committing at shutdown failed: {}", id, e.toString());
    }
    try {
      // Leaving the group revokes every partition (Rebalance, without waiting: running is false).
      consumer.close(SYNC_TIMEOUT);
    } catch (Throwable e) {
      log.warn("receivers.{}: closing the consumer failed: {}", id, e.toString());
    }
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      PartitionBacklog backlog = backlogs.remove(partition);
      if (backlog != null && backlog.paused()) {
        metrics.resumed();
      }
      metrics.partitionGone(partition);
    }
    int redelivered = offsets.forget(partitions);
    if (redelivered > 0) {
      metrics.redelivered(redelivered);
      log.info(
          "receivers.{}: {} records of {} were not safe yet; their next owner consumes them again",
          id,
          redelivered,
          partitions);
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Partition moves, on this thread inside poll (or close). A revoked partition waits, up to
   * revocation_timeout, until the pipeline is done with every record handed over from it (tail
   * sampling decided their traces, exporters sent or stored the kept spans), commits what became
   * safe, and goes; records still not safe are consumed again by the next owner, and counted.
   */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      partitions.forEach(offsets::partition);
      try {
        consumer
            .committed(new HashSet<>(partitions), SYNC_TIMEOUT)
            .forEach(
                (partition, offset) -> {
                  if (offset != null) {
                    offsets.partition(partition).committed(offset.offset());
                  }
                });
      } catch (RuntimeException e) {
        log.debug(
            "receivers.{}: could not read the committed offsets of {}: {}",
            id,
            partitions,
            e.toString());
      }
      log.info("receivers.{}: assigned {}", id, partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      // Records fetched and not handed over are simply not consumed: the next owner reads them.
      partitions.forEach(
          partition -> {
            PartitionBacklog backlog = backlogs.remove(partition);
            if (backlog != null && backlog.paused()) {
              metrics.resumed();
            }
          });
      if (running) {
        awaitSettled(partitions);
      }
      try {
        committer.commitSync(offsets.committable(partitions));
      } catch (RuntimeException e) {
        log.warn("receivers.{}: committing revoked {} failed: {}", id, partitions, e.toString());
      }
      forget(partitions);
      log.info("receivers.{}: revoked {}", id, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Already someone else's: committing now would be refused.
      forget(partitions);
      log.warn("receivers.{}: lost {} (the group moved on without this member)", id, partitions);
    }

    private void awaitSettled(Collection<TopicPartition> partitions) {
      long deadline = nanoTime.getAsLong() + revocationTimeout.toNanos();
      while (!offsets.settled(partitions) && nanoTime.getAsLong() - deadline < 0 && running) {
        sleep(Duration.ofMillis(20));
      }
    }
  }
}
