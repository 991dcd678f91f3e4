package dev.tailgate.receiver.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;

/**
 * {@code receivers.kafka.traces} (and {@code metrics}, {@code logs}): the topic a signal is read
 * from and its records' encoding (the receiver's {@code encoding} unless given here).
 */
public record KafkaTopicConfig(
    @JsonProperty("topic") String topic, @JsonProperty("encoding") String encoding) {
  static final KafkaTopicConfig NONE = new KafkaTopicConfig(null, null);

  KafkaTopicConfig withDefaults(String defaultTopic, String defaultEncoding) {
    return new KafkaTopicConfig(
        topic == null ? defaultTopic : topic, encoding == null ? defaultEncoding : encoding);
  }

  /** The encoding, once validated. */
  KafkaEncoding decoding() {
    return KafkaEncoding.of(encoding).orElseThrow();
  }

  /** {@code inherited}: the receiver's encoding, checked there (a bad one is reported once). */
  void validate(ConfigErrors errors, String inherited) {
    errors.check(topic != null && !topic.isBlank(), "topic", "must not be empty");
    errors.check(
        topic == null || topic.matches("[a-zA-Z0-9._-]{1,249}"),
        "topic",
        "a Kafka topic name has 1-249 characters of a-z, A-Z, 0-9, '.', '_' and '-'");
    errors.check(
        encoding == null || encoding.equals(inherited) || KafkaEncoding.of(encoding).isPresent(),
        "encoding",
        KafkaEncoding.problem(encoding));
  }
}
