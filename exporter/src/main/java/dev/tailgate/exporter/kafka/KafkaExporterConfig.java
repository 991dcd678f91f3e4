package dev.tailgate.exporter.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.pipeline.exporterhelper.ExporterSettings;
import dev.tailgate.pipeline.exporterhelper.QueueConfig;
import dev.tailgate.pipeline.exporterhelper.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code exporters.kafka}: writes traces, metrics and logs to Kafka topics, with the Collector's
 * keys. A signal's topic is {@code <signal>.topic}, else {@code topic}, else otlp_spans,
 * otlp_metrics or otlp_logs.
 */
public record KafkaExporterConfig(
    @JsonProperty("brokers") List<String> brokers,
    @JsonProperty("client_id") String clientId,
    @JsonProperty("topic") String topic,
    @JsonProperty("traces") KafkaTopicConfig traces,
    @JsonProperty("metrics") KafkaTopicConfig metrics,
    @JsonProperty("logs") KafkaTopicConfig logs,
    @JsonProperty("encoding") String encoding,
    @JsonProperty("partition_traces_by_id") Boolean partitionTracesById,
    @JsonProperty("partition_logs_by_trace_id") Boolean partitionLogsByTraceId,
    @JsonProperty("partition_metrics_by_resource_attributes")
        Boolean partitionMetricsByResourceAttributes,
    @JsonProperty("producer") ProducerSettings producer,
    @JsonProperty("auth") KafkaAuthConfig auth,
    @JsonProperty("timeout") Duration timeout,
    @JsonProperty("sending_queue") QueueConfig sendingQueue,
    @JsonProperty("retry_on_failure") RetryConfig retryOnFailure)
    implements Validatable {

  public static final List<String> DEFAULT_BROKERS = List.of("localhost:9092");
  public static final String DEFAULT_CLIENT_ID = "tailgate";
  private static final Map<String, String> DEFAULT_TOPICS =
      Map.of("traces", "otlp_spans", "metrics", "otlp_metrics", "logs", "otlp_logs");

  public KafkaExporterConfig {
    brokers = brokers == null ? DEFAULT_BROKERS : List.copyOf(brokers);
    clientId = clientId == null ? DEFAULT_CLIENT_ID : clientId;
    encoding = encoding == null ? KafkaEncoding.OTLP_PROTO.key() : encoding;
    partitionTracesById = partitionTracesById != null && partitionTracesById;
    partitionLogsByTraceId = partitionLogsByTraceId != null && partitionLogsByTraceId;
    partitionMetricsByResourceAttributes =
        partitionMetricsByResourceAttributes != null && partitionMetricsByResourceAttributes;
    producer = producer == null ? ProducerSettings.DEFAULT : producer;
    auth = auth == null ? KafkaAuthConfig.NONE : auth;
    timeout = ExporterSettings.DEFAULTS.timeoutOr(timeout);
    sendingQueue = ExporterSettings.DEFAULTS.queueOr(sendingQueue);
    retryOnFailure = ExporterSettings.DEFAULTS.retryOr(retryOnFailure);
  }

  /** The topic {@code signal}'s records go to. */
  public String topicFor(Signal<?> signal) {
    KafkaTopicConfig own =
        switch (signal.name()) {
          case "traces" -> traces;
          case "metrics" -> metrics;
          default -> logs;
        };
    if (own != null && own.topic() != null) {
      return own.topic();
    }
    return topic != null ? topic : DEFAULT_TOPICS.get(signal.name());
  }

  /** Whether records of {@code signal} are keyed and split (by trace id or resource). */
  boolean partitions(Signal<?> signal) {
    return switch (signal.name()) {
      case "traces" -> partitionTracesById;
      case "metrics" -> partitionMetricsByResourceAttributes;
      default -> partitionLogsByTraceId;
    };
  }

  /** Only valid after {@link #validate} found no problem. */
  KafkaEncoding kafkaEncoding() {
    return KafkaEncoding.named(encoding).orElseThrow();
  }

  /** What the exporter helper needs: timeout per attempt, queue, retries. */
  public ExporterSettings exporterSettings() {
    return new ExporterSettings(timeout, sendingQueue, retryOnFailure);
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (brokers.isEmpty()) {
      errors.add("brokers", "must name at least one broker (host:port)");
    }
    for (int i = 0; i < brokers.size(); i++) {
      String broker = brokers.get(i);
      int colon = broker == null ? -1 : broker.lastIndexOf(':');
      boolean ok = colon > 0 && isPort(broker.substring(colon + 1));
      errors.check(ok, "brokers[" + i + "]", "must be host:port, not \"" + broker + "\"");
    }
    errors.check(!clientId.isEmpty(), "client_id", "must not be empty");
    checkTopic(errors, "topic", topic);
    checkTopic(errors, "traces.topic", traces == null ? null : traces.topic());
    checkTopic(errors, "metrics.topic", metrics == null ? null : metrics.topic());
    checkTopic(errors, "logs.topic", logs == null ? null : logs.topic());
    errors.check(
        KafkaEncoding.named(encoding).isPresent(),
        "encoding",
        "must be one of " + KafkaEncoding.choices() + ", not \"" + encoding + "\"");
    producer.validate(errors.at("producer"));
    auth.validate(errors.at("auth"));
    exporterSettings().validate(errors);
  }

  private static boolean isPort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port > 0 && port < 65536;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Kafka's own rule for topic names: 1 to 249 of [a-zA-Z0-9._-]. */
  private static void checkTopic(ConfigErrors errors, String key, String topic) {
    if (topic != null) {
      errors.check(
          topic.matches("[a-zA-Z0-9._-]{1,249}"),
          key,
          "must be 1 to 249 characters of a-z, A-Z, 0-9, '.', '_' and '-', not \"" + topic + "\"");
    }
  }
}
