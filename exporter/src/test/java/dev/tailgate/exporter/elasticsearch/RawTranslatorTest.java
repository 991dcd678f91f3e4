package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.exporter.testing.OtlpSamples;
import dev.tailgate.pipeline.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawTranslatorTest {

  @Test
  void writesSpansInTheCollectorsOriginalShapeWithPrefixedAttributesInModeNone() {
    List<JsonNode> docs = Documents.sources(Signal.TRACES, MappingMode.NONE, OtlpSamples.traces());

    JsonNode doc = docs.get(0);
    assertThat(doc.path("TraceId").asText()).isEqualTo(OtlpSamples.TRACE_ID);
    assertThat(doc.path("SpanId").asText()).isEqualTo(OtlpSamples.SPAN_ID);
    assertThat(doc.path("Name").asText()).isEqualTo("GET /cart");
    assertThat(doc.path("Kind").asText()).startsWith("SPAN_KIND_");
    assertThat(doc.path("Link").asText()).startsWith("[");
    assertThat(doc.has("@timestamp")).isTrue();
    assertThat(doc.has("Duration")).isTrue();
    assertThat(doc.properties())
        .extracting(e -> e.getKey())
        .filteredOn(name -> !name.startsWith("Resource.") && !name.startsWith("Scope."))
        .filteredOn(name -> Character.isLowerCase(name.charAt(0)))
        .as("record attributes only under Attributes.")
        .isEmpty();
  }

  @Test
  void writesRecordAttributesUnderTheirOwnNamesInModeRaw() {
    JsonNode none = Documents.sources(Signal.TRACES, MappingMode.NONE, OtlpSamples.traces()).get(0);
    JsonNode raw = Documents.sources(Signal.TRACES, MappingMode.RAW, OtlpSamples.traces()).get(0);

    List<String> prefixed =
        none.properties().stream()
            .map(e -> e.getKey())
            .filter(name -> name.startsWith("Attributes."))
            .toList();
    assertThat(prefixed).isNotEmpty();
    for (String name : prefixed) {
      assertThat(raw.path(name.substring("Attributes.".length()))).isEqualTo(none.path(name));
    }
  }
}
