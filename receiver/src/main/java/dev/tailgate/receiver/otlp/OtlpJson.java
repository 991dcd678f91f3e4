package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.tailgate.pipeline.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OTLP/JSON encoding. It is protobuf's JSON mapping (lowerCamelCase keys, int64 as strings or
 * numbers, unknown keys ignored) with two differences: enums are integers, and trace and span ids
 * are hex strings instead of base64. protobuf-java-util does the mapping; this class converts the
 * id fields between hex and base64 on the way in and out, walking the JSON tree along the message
 * descriptors so that only real id fields are touched and unknown keys are left for the parser to
 * ignore.
 *
 * <p>Nothing is dropped unread: a body is one JSON value, with nothing after it, and an enum given
 * as a number must be an int32 (protobuf-java-util would drop another silently, as an unknown
 * value). Strings are as long as the body limit lets them be.
 */
public final class OtlpJson {
  /** The bytes fields of the OTLP messages that hold ids (spans, links, log records, exemplars). */
  private static final Set<String> ID_FIELDS = Set.of("trace_id", "span_id", "parent_span_id");

  private static final HexFormat HEX = HexFormat.of();

  private final ObjectMapper mapper =
      JsonMapper.builder(
              JsonFactory.builder()
                  // The body is bounded by max_request_body_size; Jackson's own bound on one string
                  // (20M characters) would refuse some bodies within it.
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          // A second value after the first would be dropped unread while the request is accepted.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
  private final JsonFormat.Printer printer =
      JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();

  /** Per message type, its fields by both JSON spellings protobuf accepts. */
  private final Map<Descriptor, Map<String, FieldDescriptor>> fieldsByKey =
      new ConcurrentHashMap<>();

  /** Parses OTLP/JSON as {@code signal}'s export request. */
  public <T> T parse(byte[] json, Signal<T> signal) throws InvalidProtocolBufferException {
    return OtlpSignal.jsonReader(signal).read(this, json, 0, json.length);
  }

  /** Parses OTLP/JSON into {@code builder}, which it returns. */
  public <B extends Message.Builder> B merge(byte[] json, int offset, int length, B builder)
      throws InvalidProtocolBufferException {
    JsonNode tree;
    try {
      tree = mapper.readTree(json, offset, length);
    } catch (JsonProcessingException e) {
      throw new InvalidProtocolBufferException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidProtocolBufferException("OTLP/JSON must be an object");
    }
    convertIds((ObjectNode) tree, builder.getDescriptorForType(), OtlpJson::hexToBase64);
    parser.merge(tree.toString(), builder);
    return builder;
  }

  /** Prints {@code message} as OTLP/JSON, UTF-8 encoded. */
  public byte[] print(MessageOrBuilder message) {
    try {
      ObjectNode tree = (ObjectNode) mapper.readTree(printer.print(message));
      convertIds(tree, message.getDescriptorForType(), OtlpJson::base64ToHex);
      return mapper.writeValueAsBytes(tree);
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      // Printing a well-formed message with no Any fields cannot fail.
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }

  public String printToString(MessageOrBuilder message) {
    return new String(print(message), StandardCharsets.UTF_8);
  }

  private void convertIds(ObjectNode object, Descriptor type, IdConversion conversion)
      throws InvalidProtocolBufferException {
    Map<String, FieldDescriptor> fields = fieldsByKey.computeIfAbsent(type, OtlpJson::fieldsByKey);
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      FieldDescriptor field = fields.get(entry.getKey());
      JsonNode value = entry.getValue();
      if (field == null) {
        continue;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        convertMessages(value, field.getMessageType(), conversion);
      } else if (value.isTextual()
          && field.getType() == FieldDescriptor.Type.BYTES
          && ID_FIELDS.contains(field.getName())) {
        entry.setValue(object.textNode(conversion.apply(entry.getKey(), value.textValue())));
      } else if (field.getJavaType() == FieldDescriptor.JavaType.ENUM
          && value.isNumber()
          && !(value.canConvertToExactIntegral() && value.canConvertToInt())) {
        throw new InvalidProtocolBufferException(
            entry.getKey()
                + " "
                + abbreviate(value.asText())
                + " is not an enum number (an int32)");
      }
    }
  }

  /** A message field's value: one object, or an array of them when repeated. */
  private void convertMessages(JsonNode value, Descriptor type, IdConversion conversion)
      throws InvalidProtocolBufferException {
    if (value.isObject()) {
      convertIds((ObjectNode) value, type, conversion);
    } else if (value.isArray()) {
      for (JsonNode element : value) {
        if (element.isObject()) {
          convertIds((ObjectNode) element, type, conversion);
        }
      }
    }
  }

  private static Map<String, FieldDescriptor> fieldsByKey(Descriptor type) {
    Map<String, FieldDescriptor> byKey = new HashMap<>();
    for (FieldDescriptor field : type.getFields()) {
      byKey.put(field.getJsonName(), field);
      byKey.put(field.getName(), field);
    }
    return Map.copyOf(byKey);
  }

  private static String hexToBase64(String key, String hex) throws InvalidProtocolBufferException {
    try {
      return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidProtocolBufferException(
          key + " \"" + abbreviate(hex) + "\" is not a hex string");
    }
  }

  private static String base64ToHex(String key, String base64) {
    return HEX.formatHex(Base64.getDecoder().decode(base64));
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  @FunctionalInterface
  private interface IdConversion {
    String apply(String key, String value) throws InvalidProtocolBufferException;
  }
}
