package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Component;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;

/**
 * The exporter's producer as a component: closed once the exporter helper has drained its queue,
 * giving records still in flight a moment to be acknowledged.
 */
final class KafkaProducerClient implements Component {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  private final Producer<byte[], byte[]> producer;

  KafkaProducerClient(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  Producer<byte[], byte[]> producer() {
    return producer;
  }

  @Override
  public void shutdown() {
    producer.close(CLOSE_WAIT);
  }
}
