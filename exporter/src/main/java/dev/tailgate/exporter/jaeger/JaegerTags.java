package dev.tailgate.exporter.jaeger;

import dev.tailgate.exporter.jaeger.proto.KeyValue;
import dev.tailgate.exporter.jaeger.proto.ValueType;
import io.opentelemetry.proto.common.v1.AnyValue;

/**
 * Makes Jaeger tags: attributes by their OTLP type, and the string/bool/int tags the mapping adds.
 */
final class JaegerTags {
  private final AnyValueJson json = new AnyValueJson();

  /** Primitives keep their type, bytes become binary, arrays and maps a JSON string. */
  KeyValue attribute(String key, AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> string(key, value.getStringValue());
      case BOOL_VALUE -> bool(key, value.getBoolValue());
      case INT_VALUE -> int64(key, value.getIntValue());
      case DOUBLE_VALUE ->
          KeyValue.newBuilder()
              .setKey(key)
              .setVType(ValueType.FLOAT64)
              .setVFloat64(value.getDoubleValue())
              .build();
      case BYTES_VALUE ->
          KeyValue.newBuilder()
              .setKey(key)
              .setVType(ValueType.BINARY)
              .setVBinary(value.getBytesValue())
              .build();
      case ARRAY_VALUE, KVLIST_VALUE -> string(key, json.write(value));
      default -> string(key, ""); // an empty value: the key alone is what was recorded
    };
  }

  static KeyValue string(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setVType(ValueType.STRING).setVStr(value).build();
  }

  static KeyValue bool(String key, boolean value) {
    return KeyValue.newBuilder().setKey(key).setVType(ValueType.BOOL).setVBool(value).build();
  }

  static KeyValue int64(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setVType(ValueType.INT64).setVInt64(value).build();
  }
}
