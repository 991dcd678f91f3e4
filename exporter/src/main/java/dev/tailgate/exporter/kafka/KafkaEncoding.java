package dev.tailgate.exporter.kafka;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.tailgate.exporter.otlpjson.OtlpJsonPrinter;
import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Signal;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code encoding:} how a record's value holds its export request. {@code otlp_proto} is the binary
 * protobuf encoding, for an untouched batch the very bytes that arrived; {@code otlp_json} is
 * OTLP/JSON (hex ids, integer enums).
 */
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

  static Optional<KafkaEncoding> named(String key) {
    return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
  }

  static String choices() {
    return Arrays.stream(values()).map(KafkaEncoding::key).collect(Collectors.joining(", "));
  }

  /** The value of a record holding all of {@code batch}: its wire bytes as they are, for proto. */
  <T> ByteString encode(Batch<T> batch) {
    return this == OTLP_PROTO ? batch.wire() : encode(batch.signal(), batch.request());
  }

  /** The value of a record holding {@code request}, a part made here. */
  <T> ByteString encode(Signal<T> signal, T request) {
    return this == OTLP_PROTO
        ? signal.encode(request)
        : ByteString.copyFrom(OtlpJsonPrinter.print((Message) request));
  }

  /** The value's size, without encoding a proto part twice. */
  <T> int size(Signal<T> signal, T request) {
    return this == OTLP_PROTO ? signal.serializedSize(request) : encode(signal, request).size();
  }
}
