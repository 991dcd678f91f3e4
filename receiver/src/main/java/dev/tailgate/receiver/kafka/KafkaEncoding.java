package dev.tailgate.receiver.kafka;

import java.util.Arrays;
import java.util.Optional;

/** How a record's value holds its export request: the Collector's encoding names. */
enum KafkaEncoding {
  OTLP_PROTO("otlp_proto"),
  OTLP_JSON("otlp_json");

  private final String key;

  KafkaEncoding(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  static Optional<KafkaEncoding> of(String key) {
    return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
  }

  static String problem(String key) {
    return "must be otlp_proto or otlp_json, got \"" + key + "\"";
  }
}
