package dev.tailgate.exporter.otlpjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Prints an export request as OTLP/JSON (the kafka exporter's otlp_json, the otlphttp exporter's
 * json): protobuf's JSON mapping with integer enums and hex ids. Only the printer's own output is
 * walked, where a JSON key is always a field name (attribute keys are values of {@code "key"}), so
 * the id fields are found by name.
 */
public final class OtlpJsonPrinter {
  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId");
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  private OtlpJsonPrinter() {}

  public static byte[] print(MessageOrBuilder message) {
    try {
      JsonNode tree = MAPPER.readTree(PRINTER.print(message));
      hexIds(tree);
      return MAPPER.writeValueAsBytes(tree);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      // A well-formed OTLP message (no Any fields) always prints.
      throw new IllegalStateException(
          "cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static void hexIds(JsonNode node) {
    if (node.isArray()) {
      node.forEach(OtlpJsonPrinter::hexIds);
    } else if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
          field.setValue(
              object.textNode(
                  HEX.formatHex(Base64.getDecoder().decode(field.getValue().textValue()))));
        } else {
          hexIds(field.getValue());
        }
      }
    }
  }
}
