package dev.tailgate.processor.ottl;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values conditions compute with: {@code null} (nil), {@link Boolean}, {@link Long} (int),
 * {@link Double} (float), {@link String}, {@link ByteString} (bytes), {@link List} and {@link Map}
 * (OTLP arrays and key-value lists). Paths may return the raw OTLP forms {@link AnyValue} and
 * {@link Attributes}, which {@link #index} walks and {@link #plain} converts at the end.
 */
final class Values {
  private Values() {}

  /** {@code raw[key]}: a map entry by string key or a list element by int key; nil if absent. */
  static Object index(Object raw, Object key) {
    if (raw instanceof Attributes attributes && key instanceof String name) {
      return find(attributes.list(), name);
    }
    if (raw instanceof AnyValue value) {
      if (value.hasKvlistValue() && key instanceof String name) {
        return find(value.getKvlistValue().getValuesList(), name);
      }
      if (value.hasArrayValue() && key instanceof Long i) {
        List<AnyValue> values = value.getArrayValue().getValuesList();
        return i >= 0 && i < values.size() ? values.get(i.intValue()) : null;
      }
      return null;
    }
    if (raw instanceof Map<?, ?> map && key instanceof String) {
      return map.get(key);
    }
    if (raw instanceof List<?> list && key instanceof Long i) {
      return i >= 0 && i < list.size() ? list.get(i.intValue()) : null;
    }
    return null;
  }

  private static AnyValue find(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue();
      }
    }
    return null;
  }

  /** The plain value of a raw one. */
  static Object plain(Object raw) {
    if (raw instanceof AnyValue value) {
      return plain(value);
    }
    if (raw instanceof Attributes attributes) {
      return map(attributes.list());
    }
    return raw;
  }

  static Object plain(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> value.getBytesValue();
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(plain(element));
        }
        yield Collections.unmodifiableList(list);
      }
      case KVLIST_VALUE -> map(value.getKvlistValue().getValuesList());
      default -> null;
    };
  }

  private static Map<String, Object> map(List<KeyValue> entries) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue entry : entries) {
      map.putIfAbsent(entry.getKey(), plain(entry.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  /** A type name for messages: "int", "map", ... */
  static String typeOf(Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof Double) {
      return "float";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof ByteString) {
      return "bytes";
    }
    if (value instanceof List) {
      return "list";
    }
    return "map";
  }

  /**
   * A scalar as text, for IsMatch and Concat: strings as they are, numbers and booleans as written
   * in a condition, bytes in lowercase hex; null for lists and maps, which have no one text form
   * here.
   */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double d) {
      // As Go's shortest formatting writes whole floats: 3, not 3.0.
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    if (value instanceof ByteString bytes) {
      return HexFormat.of().formatHex(bytes.toByteArray());
    }
    return null;
  }
}
