package dev.tailgate.receiver.kafka;

import dev.tailgate.pipeline.tls.ClientTlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Kafka consumer's properties for a {@code receivers.kafka} config. */
final class KafkaClientProperties {
  private KafkaClientProperties() {}

  static Properties consumer(KafkaReceiverConfig config) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.clientId());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    // Offsets are committed by the receiver, and only for data the pipeline has taken for good.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.fromEarliest() ? "earliest" : "latest");
    // The classic protocol, where the client's assignor applies: cooperative-sticky moves only the
    // partitions that must move, so a rebalance does not stop every member's traces.
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
    props.put(
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.heartbeatInterval().toMillis());
    props.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) KafkaReceiverConfig.MAX_POLL_INTERVAL.toMillis());
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, (int) config.maxFetchSize().bytes());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaAuthConfig auth = config.auth();
    if (auth != null) {
      security(props, auth);
    }
    return props;
  }

  private static void security(Properties props, KafkaAuthConfig auth) {
    boolean tls = auth.usesTls();
    boolean sasl = auth.sasl() != null;
    String protocol = sasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : "PLAINTEXT");
    props.put("security.protocol", protocol);
    if (sasl) {
      KafkaAuthConfig.SaslConfig credentials = auth.sasl();
      props.put(SaslConfigs.SASL_MECHANISM, credentials.mechanism());
      String module =
          credentials.mechanism().equals("PLAIN")
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      props.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          module
              + " required username=\""
              + jaasEscape(credentials.username())
              + "\" password=\""
              + jaasEscape(credentials.password())
              + "\";");
    }
    if (tls) {
      tls(props, auth.tls());
    }
  }

  /** PEM material as Kafka takes it inline; the files are those the config check already read. */
  private static void tls(Properties props, ClientTlsConfig tls) {
    if (tls.caFile() != null) {
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, read("ca_file", tls.caFile()));
    }
    if (tls.certFile() != null) {
      props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
      props.put(
          SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read("cert_file", tls.certFile()));
      props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read("key_file", tls.keyFile()));
    }
  }

  private static String read(String key, String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "auth.tls." + key + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
