package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;

/**
 * One Kafka record to write: its key (null: the producer spreads unkeyed records), its value (an
 * encoded export request) and how many items that request holds.
 */
record KafkaMessage(byte[] key, ByteString value, int items) {
  /** What the broker's size limit counts of the record beyond framing. */
  int size() {
    return value.size() + (key == null ? 0 : key.length);
  }
}
