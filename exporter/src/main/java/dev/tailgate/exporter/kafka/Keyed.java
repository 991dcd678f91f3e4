package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;

/**
 * A part of a batch that goes to Kafka under one key: the whole batch (every item had the same key,
 * so its arrival bytes can be sent unchanged), an encoded request split off from its bytes, or a
 * parsed request built from its parsed form. Exactly one of {@code whole}, {@code encoded} and
 * {@code request} says what the part is.
 */
record Keyed<T>(byte[] key, boolean whole, ByteString encoded, T request, int items) {

  static <T> Keyed<T> whole(byte[] key) {
    return new Keyed<>(key, true, null, null, 0);
  }

  static <T> Keyed<T> encoded(byte[] key, ByteString request, int items) {
    return new Keyed<>(key, false, request, null, items);
  }

  static <T> Keyed<T> parsed(byte[] key, T request) {
    return new Keyed<>(key, false, null, request, 0);
  }
}
