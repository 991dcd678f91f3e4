package dev.tailgate.receiver.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
  private static final TopicPartition P0 = new TopicPartition("otlp_spans", 0);
  private static final TopicPartition P1 = new TopicPartition("otlp_spans", 1);

  private final OffsetTracker tracker = new OffsetTracker();

  private PartitionOffsets.TrackedRecord accepted(TopicPartition partition, long offset) {
    PartitionOffsets.TrackedRecord record = tracker.partition(partition).track(offset);
    record.accepted();
    return record;
  }

  @Test
  void commitsOnlyUpToTheFirstRecordStillHeld() {
    var r10 = accepted(P0, 10);
    var r11 = accepted(P0, 11);
    var r12 = accepted(P0, 12);

    r12.released();
    r11.released();
    assertThat(tracker.committable()).as("record 10 is still held").isEmpty();

    r10.released();
    assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(13)));
  }

  @Test
  void outOfOrderReleasesCommitTheContiguousPrefixAsItGrows() {
    var r0 = accepted(P0, 0);
    var r1 = accepted(P0, 1);
    var r2 = accepted(P0, 2);

    r0.released();
    r2.released();
    assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(1)));
    assertThat(tracker.committable()).as("nothing new is safe").isEmpty();

    r1.released();
    assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(3)));
  }

  @Test
  void aReleaseBeforeTheAcceptanceIsSafeOnlyOnceAccepted() {
    PartitionOffsets offsets = tracker.partition(P0);
    var record = offsets.track(5);

    record.released(); // the pipeline finished with it before consume returned
    assertThat(offsets.committable()).isEmpty();

    record.accepted();
    assertThat(offsets.committable()).hasValue(6);
  }

  @Test
  void aRefusalCommitsNothing() {
    PartitionOffsets offsets = tracker.partition(P0);
    var record = offsets.track(7);
    record.released(); // the refused batch's lease goes back with the refusal

    offsets.refused(record);

    assertThat(tracker.committable()).isEmpty();
    assertThat(offsets.settled()).as("nothing of it is in the pipeline").isTrue();
    // The same record is handed again later, and then counts.
    var again = offsets.track(7);
    again.accepted();
    again.released();
    assertThat(offsets.committable()).hasValue(8);
  }

  @Test
  void onlyTheLastRecordHandedOverCanBeRefused() {
    PartitionOffsets offsets = tracker.partition(P0);
    var first = offsets.track(1);
    offsets.track(2);

    assertThatThrownBy(() -> offsets.refused(first)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSkippedRecordIsCommittedAsConsumed() {
    PartitionOffsets offsets = tracker.partition(P0);
    offsets.track(3).skipped();

    assertThat(offsets.committable()).hasValue(4);
  }

  @Test
  void partitionsAdvanceIndependently() {
    accepted(P0, 0).released();
    accepted(P1, 0);

    assertThat(tracker.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(1)));
    assertThat(tracker.settled(List.of(P0))).isTrue();
    assertThat(tracker.settled(List.of(P0, P1))).isFalse();
  }

  @Test
  void aFailedCommitIsAskedForAgain() {
    accepted(P0, 0).released();
    Map<TopicPartition, OffsetAndMetadata> first = tracker.committable();

    tracker.committed(first, false);

    assertThat(tracker.committable()).isEqualTo(first);
    tracker.committed(first, true);
    assertThat(tracker.find(P0).committed()).isEqualTo(1);
    assertThat(tracker.committable()).isEmpty();
  }

  @Test
  void forgettingARevokedPartitionCountsWhatWasNotSafeYet() {
    accepted(P0, 0).released();
    accepted(P0, 1);
    accepted(P0, 2).released();

    assertThat(tracker.forget(List.of(P0))).isEqualTo(1);
    assertThat(tracker.find(P0)).isNull();
  }

  @Test
  void offsetsMustGrow() {
    PartitionOffsets offsets = tracker.partition(P0);
    offsets.track(4);

    assertThatThrownBy(() -> offsets.track(4)).isInstanceOf(IllegalArgumentException.class);
    assertThat(offsets.committable()).isEqualTo(OptionalLong.empty());
  }
}
