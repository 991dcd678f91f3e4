package dev.tailgate.exporter.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code traces:}, {@code metrics:} or {@code logs:} of the kafka exporter: the Collector's newer
 * per-signal shape.
 */
public record KafkaTopicConfig(@JsonProperty("topic") String topic) {}
