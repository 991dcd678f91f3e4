package dev.tailgate.receiver.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.memory.Lease;
import dev.tailgate.pipeline.memory.MemoryBudget;
import dev.tailgate.receiver.otlp.IngestOutcome;
import dev.tailgate.receiver.otlp.OtlpIngest;
import dev.tailgate.receiver.otlp.OtlpJson;
import dev.tailgate.receiver.otlp.Transport;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the records of one topic to its signal's pipeline: each record's value is one export
 * request, checked as the OTLP receiver checks a request ({@link OtlpIngest}) and passed on as the
 * very bytes of the record, under a lease of the memory budget whose last release marks the record
 * safe to commit.
 */
final class TopicIngest<T> {
  private static final Logger log = LoggerFactory.getLogger(TopicIngest.class);

  /**
   * How long a partition pauses when the budget is spent (as an SDK is told to wait by the OTLP
   * receiver).
   */
  static final Duration MEMORY_RETRY_AFTER = Duration.ofSeconds(1);

  /** What became of one record. */
  sealed interface Handoff {
    /** The pipeline owns the record's data now. */
    record Taken() implements Handoff {}

    /** Not OTLP: counted, logged, and consumed as it is, since it can never be taken. */
    record Skipped() implements Handoff {}

    /** Not taken; hand it again after {@code retryAfter}. {@code memory}: the budget refused. */
    record Refused(Duration retryAfter, boolean memory) implements Handoff {}
  }

  private final ComponentId receiver;
  private final String topic;
  private final Signal<T> signal;
  private final KafkaEncoding encoding;
  private final OtlpIngest<T> ingest;
  private final MemoryBudget budget;
  private final KafkaReceiverMetrics metrics;
  private final OtlpJson json = new OtlpJson();

  TopicIngest(
      ComponentId receiver,
      String topic,
      Signal<T> signal,
      KafkaEncoding encoding,
      Consumer<T> next,
      MemoryBudget budget,
      KafkaReceiverMetrics metrics) {
    this.receiver = receiver;
    this.topic = topic;
    this.signal = signal;
    this.encoding = encoding;
    this.ingest =
        OtlpIngest.forTransport(receiver, Transport.KAFKA, signal, next, metrics.registry());
    this.budget = budget;
    this.metrics = metrics;
  }

  String topic() {
    return topic;
  }

  /** Hands {@code record} over, tracked in {@code offsets}. Consumer thread. */
  Handoff handOver(ConsumerRecord<byte[], byte[]> record, PartitionOffsets offsets) {
    byte[] value = record.value();
    if (value == null) {
      return skip(record, offsets.track(record.offset()), "the record has no value (a tombstone)");
    }
    PartitionOffsets.TrackedRecord tracked = offsets.track(record.offset());
    Lease lease = budget.tryReserve(value.length, tracked::released);
    if (lease == null) {
      offsets.refused(tracked);
      return new Handoff.Refused(MEMORY_RETRY_AFTER, true);
    }
    IngestOutcome outcome =
        encoding == KafkaEncoding.OTLP_PROTO
            ? ingest.ingestWire(value, 0, value.length, lease, "", Origin.NONE)
            : ingestJson(value, lease);
    if (outcome instanceof IngestOutcome.Accepted) {
      tracked.accepted();
      metrics.received(topic, value.length);
      return new Handoff.Taken();
    }
    if (outcome instanceof IngestOutcome.Retry retry) {
      offsets.refused(tracked);
      return new Handoff.Refused(retry.retryAfter(), false);
    }
    // Invalid data, or a processor that failed on it (logged by the ingest): taking it again would
    // fail again, and holding the partition for it would stop everything behind it.
    String reason =
        outcome instanceof IngestOutcome.Invalid invalid
            ? invalid.message()
            : "the pipeline failed on it";
    return skip(record, tracked, reason);
  }

  private IngestOutcome ingestJson(byte[] value, Lease lease) {
    T request;
    try {
      request = json.parse(value, signal);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      lease.release();
      return new IngestOutcome.Invalid(
          "cannot decode " + signal.name() + " as OTLP/JSON: " + e.getMessage());
    }
    return ingest.ingestParsed(request, lease, "", Origin.NONE);
  }

  private Handoff skip(
      ConsumerRecord<byte[], byte[]> record,
      PartitionOffsets.TrackedRecord tracked,
      String reason) {
    tracked.skipped();
    metrics.invalid(topic);
    log.warn(
        "receivers.{}: skipped the record at {}-{} offset {}: {}",
        receiver,
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    return new Handoff.Skipped();
  }
}
