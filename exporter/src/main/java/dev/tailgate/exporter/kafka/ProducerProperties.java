package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.tls.ClientSslContexts;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/** The Java producer's settings for an exporter config (one signal's producer). */
final class ProducerProperties {
  /**
   * Room beside {@code max_message_bytes} in a produce request: record batch and record headers.
   */
  static final int FRAMING_BYTES = 1024;

  /** Records wait this long for others to join their batch: few enough to leave latency alone. */
  static final int LINGER_MS = 5;

  private ProducerProperties() {}

  static Map<String, Object> of(KafkaExporterConfig config, String signalName) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.brokers()));
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId() + "-" + signalName);
    ProducerSettings producer = config.producer();
    p.put(ProducerConfig.ACKS_CONFIG, producer.acks());
    // Idempotence: the producer numbers its batches, so one it resends after a lost answer is
    // written once. It needs acks=all; with fewer acks a broker failover can lose acked records.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, producer.idempotent());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.compression());
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, producer.maxMessageBytes() + FRAMING_BYTES);
    // A batch of records is at most one of them (with framing): max_message_bytes is what a record
    // may be, and a larger producer batch could exceed the broker's message.max.bytes.
    p.put(
        ProducerConfig.BATCH_SIZE_CONFIG,
        Math.min(producer.maxMessageBytes() + FRAMING_BYTES, 1 << 20));
    p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    // One attempt of the exporter helper is bounded by `timeout`: the producer's own retries of a
    // record end with it, and send() blocks for metadata (a broker down) no longer than it.
    int timeoutMs =
        (int) Math.min(Integer.MAX_VALUE - LINGER_MS, Math.max(1, config.timeout().toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + LINGER_MS);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    KafkaAuthConfig auth = config.auth();
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, auth.securityProtocol());
    if (auth.sasl() != null) {
      p.put(SaslConfigs.SASL_MECHANISM, auth.sasl().mechanism());
      p.put(SaslConfigs.SASL_JAAS_CONFIG, auth.sasl().jaasConfig());
    }
    if (auth.usesTls()) {
      // The gateway's own TLS setup (ca_file, insecure_skip_verify), handed to the client's
      // engine factory; Kafka passes unknown keys through to it.
      p.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, KafkaSslEngineFactory.class);
      p.put(KafkaSslEngineFactory.CONTEXT_KEY, ClientSslContexts.of(auth.tls()));
      p.put(KafkaSslEngineFactory.VERIFY_HOST_KEY, !auth.tls().insecureSkipVerify());
    }
    return p;
  }
}
