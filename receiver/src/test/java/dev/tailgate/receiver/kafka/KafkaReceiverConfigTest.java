package dev.tailgate.receiver.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaReceiverConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ConfigErrors errors = new ConfigErrors();

  private Optional<KafkaReceiverConfig> bind(String yaml) throws IOException {
    JsonNode node = YAML.readTree(yaml);
    return new ConfigBinder().bind(node, KafkaReceiverConfig.class, "receivers.kafka", errors);
  }

  @Test
  void defaultsAreTheCollectors() throws IOException {
    KafkaReceiverConfig config = bind("{}").orElseThrow();

    assertThat(config.brokers()).containsExactly("localhost:9092");
    assertThat(config.groupId()).isEqualTo("otel-collector");
    assertThat(config.topicOf(Signal.TRACES).topic()).isEqualTo("otlp_spans");
    assertThat(config.topicOf(Signal.METRICS).topic()).isEqualTo("otlp_metrics");
    assertThat(config.topicOf(Signal.LOGS).topic()).isEqualTo("otlp_logs");
    assertThat(config.topicOf(Signal.TRACES).decoding()).isEqualTo(KafkaEncoding.OTLP_PROTO);
    assertThat(config.fromEarliest()).isFalse();
    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void bindsTheCollectorShape() throws IOException {
    KafkaReceiverConfig config =
        bind("""
        brokers: [ kafka-0:9092, kafka-1:9092 ]
        client_id: sampler
        group_id: sampling-tier
        encoding: otlp_json
        traces: { topic: spans }
        logs: { topic: logs, encoding: otlp_proto }
        initial_offset: earliest
        session_timeout: 30s
        heartbeat_interval: 5s
        max_fetch_size: 4MiB
        revocation_timeout: 1m
        auth:
          sasl: { username: tailgate, password: secret, mechanism: SCRAM-SHA-512 }
        """)
            .orElseThrow();

    assertThat(errors.problems()).isEmpty();
    assertThat(config.topicOf(Signal.TRACES)).isEqualTo(new KafkaTopicConfig("spans", "otlp_json"));
    assertThat(config.topicOf(Signal.LOGS)).isEqualTo(new KafkaTopicConfig("logs", "otlp_proto"));
    assertThat(config.maxFetchSize()).isEqualTo(ByteSize.ofMiB(4));
    assertThat(config.revocationTimeout()).isEqualTo(Duration.ofMinutes(1));

    Properties props = KafkaClientProperties.consumer(config);
    assertThat(props)
        .containsEntry("bootstrap.servers", "kafka-0:9092,kafka-1:9092")
        .containsEntry("group.id", "sampling-tier")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry(
            "partition.assignment.strategy",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("session.timeout.ms", 30000)
        .containsEntry("max.partition.fetch.bytes", 4 * 1024 * 1024);
  }

  @Test
  void problemsNameTheirKey() throws IOException {
    bind(
        """
        brokers: [ "kafka-0" ]
        encoding: avro
        traces: { topic: same }
        logs: { topic: same }
        initial_offset: newest
        heartbeat_interval: 20s
        revocation_timeout: 10m
        auth:
          sasl: { mechanism: GSSAPI }
          tls: { insecure_skip_verify: true }
        """);

    assertThat(errors.problems())
        .containsExactlyInAnyOrder(
            "receivers.kafka.brokers[0]: must be host:port, got \"kafka-0\"",
            "receivers.kafka.encoding: must be otlp_proto or otlp_json, got \"avro\"",
            "receivers.kafka.logs.topic: \"same\" is already the topic of another signal",
            "receivers.kafka.initial_offset: must be latest or earliest, got \"newest\"",
            "receivers.kafka.heartbeat_interval: must be shorter than session_timeout (10000ms)",
            "receivers.kafka.revocation_timeout: must be between 0s and 4m30s (Kafka evicts a"
                + " member that blocks in a rebalance past 5m)",
            "receivers.kafka.auth.sasl.username: is required",
            "receivers.kafka.auth.sasl.password: is required",
            "receivers.kafka.auth.sasl.mechanism: must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512,"
                + " got \"GSSAPI\"",
            "receivers.kafka.auth.tls.insecure_skip_verify: is not supported by the kafka receiver;"
                + " give ca_file instead");
  }

  @Test
  void ofKeepsEverythingElseDefault() {
    KafkaReceiverConfig config = KafkaReceiverConfig.of(List.of("127.0.0.1:9092"), "g");
    ConfigErrors problems = new ConfigErrors();
    config.validate(problems);
    assertThat(problems.problems()).isEmpty();
  }
}
