package dev.tailgate.receiver.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What may be committed, per assigned partition ({@link PartitionOffsets}). The map itself is the
 * consumer thread's alone (assignments, hand-overs and commits happen there); each partition's
 * records are released from any thread.
 */
final class OffsetTracker {
  private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

  /** The partition's offsets, tracked from now on if it was not. */
  PartitionOffsets partition(TopicPartition partition) {
    return partitions.computeIfAbsent(partition, p -> new PartitionOffsets());
  }

  /** The partition's offsets; null when it is not assigned here. */
  PartitionOffsets find(TopicPartition partition) {
    return partitions.get(partition);
  }

  /** The offsets to commit now: each partition whose safe prefix grew since it was last asked. */
  Map<TopicPartition, OffsetAndMetadata> committable() {
    return committable(partitions.keySet());
  }

  /** As {@link #committable()}, for some partitions only. */
  Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> some) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : some) {
      PartitionOffsets tracked = partitions.get(partition);
      if (tracked == null) {
        continue;
      }
      OptionalLong offset = tracked.committable();
      if (offset.isPresent()) {
        offsets.put(partition, new OffsetAndMetadata(offset.getAsLong()));
      }
    }
    return offsets;
  }

  /** The broker took {@code offsets} (or refused them: {@code ok} false). */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets, boolean ok) {
    offsets.forEach(
        (partition, offset) -> {
          PartitionOffsets tracked = partitions.get(partition);
          if (tracked != null) {
            if (ok) {
              tracked.committed(offset.offset());
            } else {
              tracked.commitFailed(offset.offset());
            }
          }
        });
  }

  /** True when every record handed over from these partitions is safe. */
  boolean settled(Collection<TopicPartition> some) {
    return some.stream().map(partitions::get).allMatch(p -> p == null || p.settled());
  }

  /**
   * Stops tracking the partitions (revoked or lost); returns how many of their records were not
   * safe yet: the partitions' next owner consumes them again.
   */
  int forget(Collection<TopicPartition> some) {
    int outstanding = 0;
    for (TopicPartition partition : some) {
      PartitionOffsets tracked = partitions.remove(partition);
      if (tracked != null) {
        outstanding += tracked.outstanding();
      }
    }
    return outstanding;
  }

  Collection<TopicPartition> assigned() {
    return partitions.keySet();
  }
}
