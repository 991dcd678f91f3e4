package dev.tailgate.receiver.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.MemoryBudget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The consumer thread's rules against Kafka's MockConsumer, one step at a time. */
class KafkaConsumerLoopTest {
  private static final String TOPIC = "otlp_spans";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final byte[] SPANS =
      ExportTraceServiceRequest.newBuilder()
          .addResourceSpans(
              ResourceSpans.newBuilder()
                  .addScopeSpans(
                      ScopeSpans.newBuilder()
                          .addSpans(
                              Span.newBuilder()
                                  .setTraceId(ByteString.copyFrom(new byte[16]))
                                  .setSpanId(
                                      ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                  .setName("checkout"))))
          .build()
          .toByteArray();

  /**
   * Commits as the mock does, remembering the last offset committed for P0 (the mock forgets at a
   * rebalance).
   */
  private final AtomicLong lastCommitted = new AtomicLong(-1);

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(
            Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
          super.commitSync(offsets, timeout);
          if (offsets.containsKey(P0)) {
            lastCommitted.set(offsets.get(P0).offset());
          }
        }
      };
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final KafkaReceiverMetrics metrics = new KafkaReceiverMetrics(meters, "kafka");
  private final AtomicLong now = new AtomicLong();
  private final AtomicBoolean refusing = new AtomicBoolean();
  private final List<Batch<ExportTraceServiceRequest>> taken = new ArrayList<>();
  private final MemoryBudget budget = MemoryBudget.unlimited();
  private final KafkaConsumerLoop loop =
      new KafkaConsumerLoop(
          ComponentId.parse("kafka"),
          consumer,
          Map.of(
              TOPIC,
              new TopicIngest<>(
                  ComponentId.parse("kafka"),
                  TOPIC,
                  Signal.TRACES,
                  KafkaEncoding.OTLP_PROTO,
                  batch -> {
                    if (refusing.get()) {
                      throw new RetryableException(
                          "exporter queue full", Duration.ofSeconds(1), null);
                    }
                    taken.add(batch);
                  },
                  budget,
                  metrics)),
          metrics,
          Duration.ZERO,
          now::get);

  private void assign() {
    consumer.subscribe(Set.of(TOPIC), listener());
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.rebalance(List.of(P0));
  }

  private org.apache.kafka.clients.consumer.ConsumerRebalanceListener listener() {
    // The loop subscribes in run(); the tests drive step() themselves, so they subscribe for it.
    return loop.rebalanceListener();
  }

  private void produce(long offset, byte[] value) {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, null, value));
  }

  private Long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
    return offset == null ? null : offset.offset();
  }

  @Test
  void commitsARecordOnlyOnceItsDataWasReleasedDownstream() {
    assign();
    produce(0, SPANS);
    produce(1, SPANS);

    loop.step();
    assertThat(taken).hasSize(2);
    assertThat(committed()).as("taken, but still held by the pipeline").isNull();

    taken.get(1).release();
    loop.step();
    assertThat(committed()).as("record 0 is still held").isNull();

    taken.get(0).release();
    loop.step();
    assertThat(committed()).isEqualTo(2);
  }

  @Test
  void aRefusalPausesThePartitionCommitsNothingAndHandsTheSameRecordAgain() {
    assign();
    produce(0, SPANS);
    refusing.set(true);

    loop.step();
    assertThat(consumer.paused()).containsExactly(P0);
    assertThat(committed()).isNull();
    assertThat(
            meters.get("tailgate.receiver.kafka.pauses").tag("reason", "refused").counter().count())
        .isEqualTo(1);

    refusing.set(false);
    loop.step();
    assertThat(taken).as("not due yet: the refusal asked for a second").isEmpty();

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    loop.step();
    assertThat(taken).hasSize(1);
    assertThat(consumer.paused()).isEmpty();
    taken.get(0).release();
    loop.step();
    assertThat(committed()).isEqualTo(1);
  }

  @Test
  void aRecordThatIsNotOtlpIsSkippedAndCommitted() {
    assign();
    produce(0, new byte[] {(byte) 0xff, 0x01, 0x02});

    loop.step();

    assertThat(taken).isEmpty();
    assertThat(committed()).isEqualTo(1);
    assertThat(meters.get("tailgate.receiver.kafka.invalid_records").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aRevokedPartitionCommitsWhatIsSafeAndCountsTheRestAsRedelivered() {
    assign();
    produce(0, SPANS);
    produce(1, SPANS);
    loop.step();
    taken.get(0).release();

    consumer.rebalance(List.of());

    assertThat(lastCommitted).as("committed in the revocation").hasValue(1);
    assertThat(meters.get("tailgate.receiver.kafka.redelivered_records").counter().count())
        .isEqualTo(1);
  }
}
