package dev.tailgate.exporter.prometheusremotewrite;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;

/**
 * Attribute values as label values, following the OpenTelemetry attribute spec for non-string
 * values: numbers and booleans as text, bytes as base64, arrays and maps as JSON.
 */
final class AttributeValues {
  private AttributeValues() {}

  static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> PrometheusFloats.format(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> json(value, new StringBuilder()).toString();
      default -> ""; // unset, or a form only profiles use (string table references)
    };
  }

  private static StringBuilder json(AnyValue value, StringBuilder out) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> quoted(value.getStringValue(), out);
      case BYTES_VALUE -> quoted(text(value), out);
      case DOUBLE_VALUE -> {
        double d = value.getDoubleValue();
        if (Double.isFinite(d)) {
          out.append(PrometheusFloats.format(d));
        } else {
          quoted(PrometheusFloats.format(d), out); // JSON has no literal for these
        }
      }
      case BOOL_VALUE, INT_VALUE -> out.append(text(value));
      case ARRAY_VALUE -> {
        out.append('[');
        for (int i = 0; i < value.getArrayValue().getValuesCount(); i++) {
          if (i > 0) {
            out.append(',');
          }
          json(value.getArrayValue().getValues(i), out);
        }
        out.append(']');
      }
      case KVLIST_VALUE -> {
        out.append('{');
        int i = 0;
        for (KeyValue kv : value.getKvlistValue().getValuesList()) {
          if (i++ > 0) {
            out.append(',');
          }
          quoted(kv.getKey(), out).append(':');
          json(kv.getValue(), out);
        }
        out.append('}');
      }
      default -> out.append("null");
    }
    return out;
  }

  private static StringBuilder quoted(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
