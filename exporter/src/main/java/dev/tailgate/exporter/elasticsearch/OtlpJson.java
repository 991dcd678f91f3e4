package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Writes OTLP values as JSON: attribute maps, any-values, timestamps, ids. */
final class OtlpJson {
  private static final HexFormat HEX = HexFormat.of();

  private OtlpJson() {}

  /**
   * {@code {"key": value, ...}}; a repeated key keeps its first value, as JSON may not repeat keys.
   */
  static void writeAttributes(JsonGenerator out, List<KeyValue> attributes) throws IOException {
    out.writeStartObject();
    writeAttributeFields(out, attributes, new HashSet<>());
    out.writeEndObject();
  }

  /**
   * The attributes as fields of the object being written, skipping keys already in {@code written}.
   */
  static void writeAttributeFields(
      JsonGenerator out, List<KeyValue> attributes, Set<String> written) throws IOException {
    for (KeyValue attribute : attributes) {
      if (written.add(attribute.getKey())) {
        out.writeFieldName(attribute.getKey());
        writeValue(out, attribute.getValue());
      }
    }
  }

  static void writeValue(JsonGenerator out, AnyValue value) throws IOException {
    switch (value.getValueCase()) {
      case STRING_VALUE -> out.writeString(value.getStringValue());
      case BOOL_VALUE -> out.writeBoolean(value.getBoolValue());
      case INT_VALUE -> out.writeNumber(value.getIntValue());
      case DOUBLE_VALUE -> writeDouble(out, value.getDoubleValue());
      case BYTES_VALUE -> out.writeBinary(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        out.writeStartArray();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          writeValue(out, element);
        }
        out.writeEndArray();
      }
      case KVLIST_VALUE -> writeAttributes(out, value.getKvlistValue().getValuesList());
      default -> out.writeNull();
    }
  }

  /** JSON has no NaN or infinities; they are written as strings, as Elasticsearch reads them. */
  static void writeDouble(JsonGenerator out, double value) throws IOException {
    if (Double.isFinite(value)) {
      out.writeNumber(value);
    } else {
      out.writeString(Double.toString(value));
    }
  }

  /** The text of a value, for fields that hold text whatever the value's type. */
  static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> "";
    };
  }

  /** RFC 3339 with up to nanosecond precision, as Elasticsearch's date fields take it. */
  static String timestamp(long unixNanos) {
    return Instant.ofEpochSecond(0, unixNanos).toString();
  }

  static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  static void writeIfNotEmpty(JsonGenerator out, String field, String value) throws IOException {
    if (!value.isEmpty()) {
      out.writeStringField(field, value);
    }
  }

  static void writeIdIfSet(JsonGenerator out, String field, ByteString id) throws IOException {
    if (!id.isEmpty()) {
      out.writeStringField(field, hex(id));
    }
  }

  static void writeCountIfSet(JsonGenerator out, String field, int count) throws IOException {
    if (count > 0) {
      out.writeNumberField(field, count);
    }
  }
}
