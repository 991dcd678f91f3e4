package dev.tailgate.receiver.kafka;

import dev.tailgate.pipeline.ComponentId;
import dev.tailgate.pipeline.Receiver;
import dev.tailgate.pipeline.ShutdownDeadline;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code kafka} receiver: one consumer of the group on a thread of its own ({@link
 * KafkaConsumerLoop}), reading the topics of the signals its pipelines take.
 *
 * <p>Shutdown stops consuming, commits what is safe by then and leaves the group at once: it does
 * not wait for the pipeline to drain (receivers stop first, so the processors and exporters after
 * it are still running), and what the pipeline still held is consumed again by the partitions' next
 * owner.
 */
final class KafkaReceiver implements Receiver {
  private static final Logger log = LoggerFactory.getLogger(KafkaReceiver.class);

  private final ComponentId id;
  private final Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers;
  private final Map<String, TopicIngest<?>> ingests;
  private final KafkaReceiverMetrics metrics;
  private final KafkaReceiverConfig config;
  private final ShutdownDeadline deadline;
  private KafkaConsumerLoop loop;
  private Thread thread;

  KafkaReceiver(
      ComponentId id,
      KafkaReceiverConfig config,
      Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers,
      Map<String, TopicIngest<?>> ingests,
      KafkaReceiverMetrics metrics,
      ShutdownDeadline deadline) {
    this.id = id;
    this.config = config;
    this.consumers = consumers;
    this.ingests = ingests;
    this.metrics = metrics;
    this.deadline = deadline;
  }

  @Override
  public synchronized void start() {
    if (ingests.isEmpty() || loop != null) {
      return;
    }
    // Made here, on the lifecycle thread, so a bad setting fails the start; from now on only the
    // loop's thread touches it.
    loop =
        new KafkaConsumerLoop(
            id, consumers.get(), ingests, metrics, config.revocationTimeout(), System::nanoTime);
    thread = new Thread(loop, "kafka-receiver-" + id);
    thread.setDaemon(true);
    thread.start();
    log.info("receivers.{}: consuming {} as group {}", id, ingests.keySet(), config.groupId());
  }

  @Override
  public synchronized void shutdown() {
    if (loop == null) {
      return;
    }
    loop.stop();
    try {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline.remaining().toNanos())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("receivers.{}: the consumer did not close by the drain deadline", id);
    }
    loop = null;
  }

  @Override
  public String toString() {
    return "receiver " + id;
  }
}
