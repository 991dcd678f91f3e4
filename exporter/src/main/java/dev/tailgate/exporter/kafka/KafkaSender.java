package dev.tailgate.exporter.kafka;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import dev.tailgate.pipeline.exporterhelper.Sender;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;

/**
 * One attempt at a batch: its records produced to the topic, then a wait for their acks within the
 * timeout. The records of a batch are kept (by the batch object, weakly) across the helper's
 * retries, so a retry writes only the records not yet acknowledged, and waits for those still in
 * flight instead of writing them twice.
 */
final class KafkaSender<T> implements Sender<T> {
  private final KafkaProducerClient client;
  private final String topic;
  private final KafkaMessages<T> messages;
  private final int flushMaxMessages;
  private final Counter records;
  private final Counter bytes;
  private final Cache<Batch<T>, PendingRecords> pending = Caffeine.newBuilder().weakKeys().build();

  KafkaSender(
      KafkaProducerClient client,
      String topic,
      KafkaMessages<T> messages,
      int flushMaxMessages,
      Counter records,
      Counter bytes) {
    this.client = client;
    this.topic = topic;
    this.messages = messages;
    this.flushMaxMessages = flushMaxMessages;
    this.records = records;
    this.bytes = bytes;
  }

  @Override
  public void send(Batch<T> batch, Duration timeout) {
    PendingRecords records =
        pending.get(batch, b -> new PendingRecords(topic, messages.of(b), this::written));
    long deadline = System.nanoTime() + timeout.toNanos();
    Producer<byte[], byte[]> producer = client.producer();
    try {
      records.writeRemaining(producer, flushMaxMessages, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(
          "interrupted while waiting for Kafka's acks (" + records.progress() + ")");
    } catch (PermanentException e) {
      pending.invalidate(batch);
      replaceIfBroken(producer, e);
      throw e;
    } catch (RetryableException e) {
      replaceIfBroken(producer, e);
      throw e;
    }
    pending.invalidate(batch);
  }

  private void replaceIfBroken(Producer<byte[], byte[]> producer, RuntimeException failure) {
    if (KafkaFailures.breaksProducer(failure.getCause())) {
      client.replace(producer, failure.getCause());
    }
  }

  private void written(KafkaMessage message) {
    records.increment();
    bytes.increment(message.value().size());
  }
}
