package dev.tailgate.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

  @Test
  void producedRecordsReadBackAndSurviveARestart() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start("roundtrip")) {
      broker.createTopic("t", 3);
      assertThat(broker.partitions("t")).isEqualTo(3);

      produce(broker, "t", "k1", "v1");
      produce(broker, "t", "k2", "v2");
      assertThat(values(broker.records("t"))).containsExactlyInAnyOrder("k1=v1", "k2=v2");

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      broker.start();
      produce(broker, "t", "k3", "v3");
      assertThat(values(broker.records("t"))).containsExactlyInAnyOrder("k1=v1", "k2=v2", "k3=v3");
    }
  }

  private static void produce(KafkaBroker broker, String topic, String key, String value)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, bytes(key), bytes(value))).get();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(
            r ->
                new String(r.key(), StandardCharsets.UTF_8)
                    + "="
                    + new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }
}
