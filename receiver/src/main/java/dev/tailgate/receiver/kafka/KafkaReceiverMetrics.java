package dev.tailgate.receiver.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The kafka receiver's self-metrics ({@code tailgate.receiver.kafka.*}). Counters are bumped on the
 * consumer thread; the per-partition gauges read values the consumer thread stores, since nothing
 * else may touch the KafkaConsumer.
 */
final class KafkaReceiverMetrics {
  private final MeterRegistry meters;
  private final String receiver;
  private final Map<String, Counter> records = new ConcurrentHashMap<>();
  private final Map<String, Counter> bytes = new ConcurrentHashMap<>();
  private final Map<String, Counter> invalid = new ConcurrentHashMap<>();
  private final Counter commits;
  private final Counter commitFailures;
  private final Counter pausesRefused;
  private final Counter pausesMemory;
  private final Counter redelivered;
  private final AtomicInteger paused = new AtomicInteger();
  private final Map<TopicPartition, PartitionGauges> partitions = new ConcurrentHashMap<>();

  KafkaReceiverMetrics(MeterRegistry meters, String receiver) {
    this.meters = meters;
    this.receiver = receiver;
    this.commits = counter("commits", "Offset commits the broker took", Tags.of("outcome", "ok"));
    this.commitFailures =
        counter("commits", "Offset commits the broker took", Tags.of("outcome", "failed"));
    this.pausesRefused =
        counter(
            "pauses",
            "Partitions paused because the pipeline refused a record",
            Tags.of("reason", "refused"));
    this.pausesMemory =
        counter(
            "pauses",
            "Partitions paused because the pipeline refused a record",
            Tags.of("reason", "memory"));
    this.redelivered =
        counter(
            "redelivered_records",
            "Records handed to the pipeline but not yet safe when their partition left this"
                + " receiver: its next owner consumes them again (possible duplicates)",
            Tags.empty());
    Gauge.builder("tailgate.receiver.kafka.paused_partitions", paused, AtomicInteger::get)
        .description("Partitions paused while the pipeline refuses")
        .tag("receiver", receiver)
        .register(meters);
  }

  MeterRegistry registry() {
    return meters;
  }

  void received(String topic, long size) {
    records
        .computeIfAbsent(
            topic, t -> counter("records", "Records taken by the pipeline", Tags.of("topic", t)))
        .increment();
    bytes
        .computeIfAbsent(
            topic,
            t ->
                counter(
                    "bytes", "Bytes of record values taken by the pipeline", Tags.of("topic", t)))
        .increment(size);
  }

  void invalid(String topic) {
    invalid
        .computeIfAbsent(
            topic,
            t -> counter("invalid_records", "Records skipped: not valid OTLP", Tags.of("topic", t)))
        .increment();
  }

  void committed(boolean ok) {
    (ok ? commits : commitFailures).increment();
  }

  void paused(boolean memory) {
    (memory ? pausesMemory : pausesRefused).increment();
    paused.incrementAndGet();
  }

  void resumed() {
    paused.decrementAndGet();
  }

  void redelivered(int count) {
    redelivered.increment(count);
  }

  /**
   * The partition's lag (records past the committed offset) and records consumed but not yet safe.
   */
  void partition(TopicPartition partition, long lag, long uncommitted) {
    PartitionGauges gauges = partitions.computeIfAbsent(partition, this::register);
    gauges.lag.set(lag);
    gauges.uncommitted.set(uncommitted);
  }

  void partitionGone(TopicPartition partition) {
    PartitionGauges gauges = partitions.remove(partition);
    if (gauges != null) {
      meters.remove(gauges.lagGauge);
      meters.remove(gauges.uncommittedGauge);
    }
  }

  private PartitionGauges register(TopicPartition partition) {
    AtomicLong lag = new AtomicLong();
    AtomicLong uncommitted = new AtomicLong();
    Tags tags =
        Tags.of(
            "receiver",
            receiver,
            "topic",
            partition.topic(),
            "partition",
            Integer.toString(partition.partition()));
    Gauge lagGauge =
        Gauge.builder("tailgate.receiver.kafka.lag", lag, AtomicLong::get)
            .description("Records of the partition past this group's committed offset")
            .tags(tags)
            .register(meters);
    Gauge uncommittedGauge =
        Gauge.builder("tailgate.receiver.kafka.uncommitted", uncommitted, AtomicLong::get)
            .description(
                "Records consumed from the partition whose data the pipeline has not taken for good"
                    + " yet")
            .tags(tags)
            .register(meters);
    return new PartitionGauges(lag, uncommitted, lagGauge, uncommittedGauge);
  }

  private Counter counter(String name, String description, Tags tags) {
    return Counter.builder("tailgate.receiver.kafka." + name)
        .description(description)
        .tag("receiver", receiver)
        .tags(tags)
        .register(meters);
  }

  private record PartitionGauges(
      AtomicLong lag, AtomicLong uncommitted, Gauge lagGauge, Gauge uncommittedGauge) {}
}
