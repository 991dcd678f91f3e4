package dev.tailgate.receiver.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.Signal;
import dev.tailgate.pipeline.config.ByteSize;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code receivers.kafka}: a consumer group reading OTLP records, one topic per signal, in the
 * Collector's shape. Offsets are committed only once the pipeline has taken a record's data for
 * good (see {@link OffsetTracker}); {@code revocation_timeout} bounds how long a revoked partition
 * waits for that before it is handed to its next owner.
 */
public record KafkaReceiverConfig(
    @JsonProperty("brokers") List<String> brokers,
    @JsonProperty("client_id") String clientId,
    @JsonProperty("group_id") String groupId,
    @JsonProperty("encoding") String encoding,
    @JsonProperty("traces") KafkaTopicConfig traces,
    @JsonProperty("metrics") KafkaTopicConfig metrics,
    @JsonProperty("logs") KafkaTopicConfig logs,
    @JsonProperty("initial_offset") String initialOffset,
    @JsonProperty("session_timeout") Duration sessionTimeout,
    @JsonProperty("heartbeat_interval") Duration heartbeatInterval,
    @JsonProperty("max_fetch_size") ByteSize maxFetchSize,
    @JsonProperty("revocation_timeout") Duration revocationTimeout,
    @JsonProperty("auth") KafkaAuthConfig auth)
    implements Validatable {

  public static final String DEFAULT_GROUP_ID = "otel-collector";

  /** Kafka's own bound on a poll's wait for a rebalance callback (max.poll.interval.ms). */
  static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(5);

  public KafkaReceiverConfig {
    brokers = brokers == null ? List.of("localhost:9092") : List.copyOf(brokers);
    clientId = clientId == null ? "otel-collector" : clientId;
    groupId = groupId == null ? DEFAULT_GROUP_ID : groupId;
    encoding = encoding == null ? KafkaEncoding.OTLP_PROTO.key() : encoding;
    traces = (traces == null ? KafkaTopicConfig.NONE : traces).withDefaults("otlp_spans", encoding);
    metrics =
        (metrics == null ? KafkaTopicConfig.NONE : metrics).withDefaults("otlp_metrics", encoding);
    logs = (logs == null ? KafkaTopicConfig.NONE : logs).withDefaults("otlp_logs", encoding);
    initialOffset = initialOffset == null ? "latest" : initialOffset;
    sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(10) : sessionTimeout;
    heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(3) : heartbeatInterval;
    maxFetchSize = maxFetchSize == null ? ByteSize.ofMiB(1) : maxFetchSize;
    // Long enough for tail_sampling's default decision_wait (30s) plus sending the kept spans.
    revocationTimeout = revocationTimeout == null ? Duration.ofSeconds(45) : revocationTimeout;
  }

  /** Only the brokers and the group: everything else as defaulted. */
  public static KafkaReceiverConfig of(List<String> brokers, String groupId) {
    return new KafkaReceiverConfig(
        brokers, null, groupId, null, null, null, null, null, null, null, null, null, null);
  }

  /** The topic block of {@code signal}. */
  public KafkaTopicConfig topicOf(Signal<?> signal) {
    return switch (signal.name()) {
      case "traces" -> traces;
      case "metrics" -> metrics;
      case "logs" -> logs;
      default -> throw new IllegalArgumentException(signal.name());
    };
  }

  /** True for {@code earliest}: a group without committed offsets starts at the log's beginning. */
  public boolean fromEarliest() {
    return "earliest".equals(initialOffset);
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(!brokers.isEmpty(), "brokers", "must list at least one host:port");
    for (int i = 0; i < brokers.size(); i++) {
      String broker = brokers.get(i);
      errors.check(
          broker != null && broker.matches("[^:\\s]+:\\d{1,5}"),
          "brokers[" + i + "]",
          "must be host:port, got \"" + broker + "\"");
    }
    errors.check(!clientId.isBlank(), "client_id", "must not be empty");
    errors.check(!groupId.isBlank(), "group_id", "must not be empty");
    errors.check(
        KafkaEncoding.of(encoding).isPresent(), "encoding", KafkaEncoding.problem(encoding));
    traces.validate(errors.at("traces"), encoding);
    metrics.validate(errors.at("metrics"), encoding);
    logs.validate(errors.at("logs"), encoding);
    Set<String> topics = new HashSet<>();
    for (Signal<?> signal : List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS)) {
      String topic = topicOf(signal).topic();
      errors.check(
          topics.add(topic),
          signal.name() + ".topic",
          "\"" + topic + "\" is already the topic of another signal");
    }
    errors.check(
        initialOffset.equals("latest") || initialOffset.equals("earliest"),
        "initial_offset",
        "must be latest or earliest, got \"" + initialOffset + "\"");
    errors.check(sessionTimeout.toMillis() > 0, "session_timeout", "must be > 0");
    errors.check(heartbeatInterval.toMillis() > 0, "heartbeat_interval", "must be > 0");
    errors.check(
        heartbeatInterval.compareTo(sessionTimeout) < 0,
        "heartbeat_interval",
        "must be shorter than session_timeout (" + sessionTimeout.toMillis() + "ms)");
    errors.check(
        maxFetchSize.bytes() > 0 && maxFetchSize.bytes() <= Integer.MAX_VALUE,
        "max_fetch_size",
        "must be > 0 and < 2GiB");
    errors.check(
        !revocationTimeout.isNegative()
            && revocationTimeout.compareTo(MAX_POLL_INTERVAL.minusSeconds(30)) <= 0,
        "revocation_timeout",
        "must be between 0s and 4m30s (Kafka evicts a member that blocks in a rebalance past 5m)");
    if (auth != null) {
      auth.validate(errors.at("auth"));
    }
  }
}
