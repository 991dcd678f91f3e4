package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Component;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's producer as a component: closed once the exporter helper has drained its queue,
 * giving records still in flight a moment to be acknowledged. A producer that an error has left
 * unusable (see {@link KafkaFailures#breaksProducer}) is dropped, and its successor is made from
 * the same properties only when the next batch asks for a producer, so that the exporter sends
 * again once, say, its credentials start working. Made at once instead, the successor would connect
 * in the background (an idempotent producer asks for its producer id as it starts), meet the same
 * bad credentials before anyone fixed them, and be broken before its first batch.
 */
final class KafkaProducerClient implements Component {
  private static final Logger log = LoggerFactory.getLogger(KafkaProducerClient.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  private final Supplier<Producer<byte[], byte[]>> factory;
  private final AtomicReference<Producer<byte[], byte[]>> current;
  private volatile boolean shutDown;

  KafkaProducerClient(Supplier<Producer<byte[], byte[]>> factory) {
    this.factory = factory;
    this.current = new AtomicReference<>(factory.get());
  }

  /** The producer to write the next batch with, made now if the last one was dropped. */
  Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> producer = current.get();
    while (producer == null && !shutDown) {
      Producer<byte[], byte[]> fresh = factory.get();
      if (current.compareAndSet(null, fresh)) {
        return fresh;
      }
      fresh.close(Duration.ZERO);
      producer = current.get();
    }
    if (producer == null) {
      throw new IllegalStateException("the kafka exporter has shut down");
    }
    return producer;
  }

  /**
   * Drops {@code broken} unless another sender thread has already done so; records still in flight
   * on it fail back to their batch, which writes them again on its next attempt.
   */
  void replace(Producer<byte[], byte[]> broken, Throwable why) {
    if (current.compareAndSet(broken, null)) {
      log.warn("kafka producer unusable after {}; the next batch gets a new one", why.toString());
      broken.close(Duration.ZERO);
    }
  }

  @Override
  public void shutdown() {
    shutDown = true;
    Producer<byte[], byte[]> producer = current.getAndSet(null);
    if (producer != null) {
      producer.close(CLOSE_WAIT);
    }
  }
}
