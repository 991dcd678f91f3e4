package dev.tailgate.exporter.kafka;

/**
 * A part of an export request that goes to Kafka under one key. {@code whole} says the part is the
 * entire request (every item had the same key), so its arrival bytes can be sent unchanged.
 */
record Keyed<T>(byte[] key, T request, boolean whole) {}
