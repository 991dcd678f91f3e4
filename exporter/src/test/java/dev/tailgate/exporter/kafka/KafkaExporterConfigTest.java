package dev.tailgate.exporter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.exporter.testing.YamlConfig;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaExporterConfigTest {
  private final YamlConfig yaml = new YamlConfig("exporters.kafka");

  @Test
  void bindsCollectorDefaults() {
    KafkaExporterConfig config = yaml.bind("{}", KafkaExporterConfig.class);

    assertThat(config.brokers()).containsExactly("localhost:9092");
    assertThat(config.topicFor(Signal.TRACES)).isEqualTo("otlp_spans");
    assertThat(config.topicFor(Signal.METRICS)).isEqualTo("otlp_metrics");
    assertThat(config.topicFor(Signal.LOGS)).isEqualTo("otlp_logs");
    assertThat(config.kafkaEncoding()).isEqualTo(KafkaEncoding.OTLP_PROTO);
    assertThat(config.partitions(Signal.TRACES)).isFalse();
    assertThat(config.producer().maxMessageBytes()).isEqualTo(1_000_000);
    assertThat(config.producer().acks()).isEqualTo("all");
    assertThat(config.producer().idempotent()).isTrue();
    assertThat(config.producer().compression()).isEqualTo("none");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.sendingQueue()).isEqualTo(QueueConfig.DEFAULT);
    assertThat(config.auth().securityProtocol()).isEqualTo("PLAINTEXT");
  }

  @Test
  void aSignalsOwnTopicWinsOverTopic() {
    KafkaExporterConfig config =
        yaml.bind(
            "{topic: all_signals, traces: {topic: spans_b}, logs: {}}", KafkaExporterConfig.class);

    assertThat(config.topicFor(Signal.TRACES)).isEqualTo("spans_b");
    assertThat(config.topicFor(Signal.METRICS)).isEqualTo("all_signals");
    assertThat(config.topicFor(Signal.LOGS)).isEqualTo("all_signals");
  }

  @Test
  void mapsEveryKeyToTheProducer() {
    KafkaExporterConfig config =
        yaml.bind(
            """
            brokers: [k1:9093, k2:9093]
            client_id: agent-7
            encoding: otlp_json
            partition_traces_by_id: true
            producer: { max_message_bytes: 500000, required_acks: 1, compression: zstd, flush_max_messages: 10 }
            auth: { sasl: { username: alice, password: 'se"cret', mechanism: SCRAM-SHA-512 } }
            timeout: 2s
            """,
            KafkaExporterConfig.class);

    Map<String, Object> p = ProducerProperties.of(config, "traces");
    assertThat(p)
        .containsEntry("bootstrap.servers", "k1:9093,k2:9093")
        .containsEntry("client.id", "agent-7-traces")
        .containsEntry("acks", "1")
        .containsEntry("enable.idempotence", false)
        .containsEntry("compression.type", "zstd")
        .containsEntry("max.request.size", 500_000 + ProducerProperties.FRAMING_BYTES)
        .containsEntry("request.timeout.ms", 2000)
        .containsEntry("max.block.ms", 2000)
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                + " password=\"se\\\"cret\";");
    assertThat(config.kafkaEncoding()).isEqualTo(KafkaEncoding.OTLP_JSON);
    assertThat(config.partitions(Signal.TRACES)).isTrue();
    assertThat(config.producer().flushMaxMessages()).isEqualTo(10);
  }

  @Test
  void aTlsBlockTurnsOnTlsWithTheGatewaysSslContext() {
    KafkaExporterConfig config =
        yaml.bind(
            "{auth: {tls: {insecure_skip_verify: true}, sasl: {username: a, password: b, mechanism:"
                + " PLAIN}}}",
            KafkaExporterConfig.class);

    Map<String, Object> p = ProducerProperties.of(config, "logs");
    assertThat(p)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.engine.factory.class", KafkaSslEngineFactory.class)
        .containsEntry(KafkaSslEngineFactory.VERIFY_HOST_KEY, false);
    KafkaSslEngineFactory factory = new KafkaSslEngineFactory();
    factory.configure(p);
    assertThat(factory.createClientSslEngine("127.0.0.1", 9093, "https").getUseClientMode())
        .isTrue();
  }

  @Test
  void namesTheOffendingKey() {
    assertThat(
            yaml.problems(
                """
                brokers: [nohost, 'k:99999']
                topic: 'bad topic'
                encoding: avro
                producer: { max_message_bytes: 10, required_acks: 2, compression: brotli, flush_max_messages: -1 }
                auth: { sasl: { username: a, mechanism: GSSAPI } }
                timeout: 0s
                """,
                KafkaExporterConfig.class))
        .anySatisfy(p -> assertThat(p).startsWith("exporters.kafka.brokers[0]: must be host:port"))
        .anySatisfy(p -> assertThat(p).startsWith("exporters.kafka.brokers[1]: must be host:port"))
        .anySatisfy(
            p -> assertThat(p).startsWith("exporters.kafka.topic: must be 1 to 249 characters"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "exporters.kafka.encoding: must be one of otlp_proto, otlp_json, not"
                            + " \"avro\""))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("exporters.kafka.producer.max_message_bytes: must be >= 1024"))
        .anySatisfy(
            p -> assertThat(p).startsWith("exporters.kafka.producer.required_acks: must be -1"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("exporters.kafka.producer.compression: must be one of none, gzip"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("exporters.kafka.producer.flush_max_messages: must be >= 0"))
        .anySatisfy(p -> assertThat(p).isEqualTo("exporters.kafka.auth.sasl.password: is required"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("exporters.kafka.auth.sasl.mechanism: must be one of PLAIN"))
        .anySatisfy(p -> assertThat(p).isEqualTo("exporters.kafka.timeout: must be > 0"));
  }

  @Test
  void refusesAnUnknownKey() {
    assertThat(yaml.problems("{topics: x}", KafkaExporterConfig.class))
        .singleElement()
        .asString()
        .contains("topics");
  }
}
