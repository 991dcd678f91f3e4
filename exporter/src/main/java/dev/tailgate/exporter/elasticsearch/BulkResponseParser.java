package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the items of a {@code _bulk} response that failed. When {@code "errors": false} comes first
 * (Elasticsearch and OpenSearch write it before the items), the rest is not even read.
 */
final class BulkResponseParser {
  private final ObjectMapper mapper = new ObjectMapper();

  List<ItemFailure> failures(byte[] response) throws IOException {
    if (!hasErrors(response)) {
      return List.of();
    }
    JsonNode items = mapper.readTree(response).path("items");
    List<ItemFailure> failures = new ArrayList<>();
    for (int position = 0; position < items.size(); position++) {
      JsonNode item = items.get(position);
      JsonNode result = item.isObject() && item.size() > 0 ? item.elements().next() : item;
      int status = result.path("status").asInt(0);
      if (status < 200 || status > 299) {
        failures.add(new ItemFailure(position, status, reason(result.path("error"))));
      }
    }
    return failures;
  }

  private boolean hasErrors(byte[] response) throws IOException {
    try (JsonParser parser = mapper.getFactory().createParser(response)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the bulk response is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("errors")) {
          return value == JsonToken.VALUE_TRUE;
        }
        parser.skipChildren();
      }
    }
    return true; // no "errors" flag: look at every item
  }

  /** {@code type: reason}, with the root cause when Elasticsearch gives one. */
  static String reason(JsonNode error) {
    if (error.isMissingNode() || error.isNull()) {
      return "no reason given";
    }
    if (error.isTextual()) {
      return error.asText();
    }
    StringBuilder text = new StringBuilder(error.path("type").asText("error"));
    if (error.hasNonNull("reason")) {
      text.append(": ").append(error.path("reason").asText());
    }
    JsonNode cause = error.path("caused_by");
    if (cause.isObject()) {
      text.append(" (caused by ").append(reason(cause)).append(')');
    }
    return text.toString();
  }
}
