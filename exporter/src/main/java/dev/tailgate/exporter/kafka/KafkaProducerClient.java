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
 * unusable (see {@link KafkaFailures#breaksProducer}) is replaced by a new one from the same
 * properties, so that the exporter sends again once, say, its credentials start working.
 */
final class KafkaProducerClient implements Component {
  private static final Logger log = LoggerFactory.getLogger(KafkaProducerClient.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  private final Supplier<Producer<byte[], byte[]>> factory;
  private final AtomicReference<Producer<byte[], byte[]>> current;

  KafkaProducerClient(Supplier<Producer<byte[], byte[]>> factory) {
    this.factory = factory;
    this.current = new AtomicReference<>(factory.get());
  }

  Producer<byte[], byte[]> producer() {
    return current.get();
  }

  /**
   * Replaces {@code broken} unless another sender thread has already done so; records still in
   * flight on it fail back to their batch, which writes them again on its next attempt.
   */
  void replace(Producer<byte[], byte[]> broken, Throwable why) {
    Producer<byte[], byte[]> fresh = factory.get();
    if (current.compareAndSet(broken, fresh)) {
      log.warn("kafka producer unusable after {}; replaced by a new one", why.toString());
      broken.close(Duration.ZERO);
    } else {
      fresh.close(Duration.ZERO);
    }
  }

  @Override
  public void shutdown() {
    current.get().close(CLOSE_WAIT);
  }
}
