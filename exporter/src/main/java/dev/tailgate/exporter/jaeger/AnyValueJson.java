package dev.tailgate.exporter.jaeger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Writes an array or map attribute as the JSON string Jaeger shows, since Jaeger tags hold only
 * primitives: arrays as JSON lists (as the Jaeger mapping asks), maps as JSON objects, bytes as
 * base64 strings, empty values as null.
 */
final class AnyValueJson {
  private final JsonFactory json = new JsonFactory();

  String write(AnyValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = json.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator out, AnyValue value) throws IOException {
    switch (value.getValueCase()) {
      case STRING_VALUE -> out.writeString(value.getStringValue());
      case BOOL_VALUE -> out.writeBoolean(value.getBoolValue());
      case INT_VALUE -> out.writeNumber(value.getIntValue());
      case DOUBLE_VALUE -> out.writeNumber(value.getDoubleValue());
      case BYTES_VALUE ->
          out.writeString(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        out.writeStartArray();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          write(out, element);
        }
        out.writeEndArray();
      }
      case KVLIST_VALUE -> {
        out.writeStartObject();
        for (KeyValue entry : value.getKvlistValue().getValuesList()) {
          out.writeFieldName(entry.getKey());
          write(out, entry.getValue());
        }
        out.writeEndObject();
      }
      default -> out.writeNull();
    }
  }
}
