package dev.tailgate.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkResponseParserTest {
  private final BulkResponseParser parser = new BulkResponseParser();

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void findsNoFailureWhenErrorsIsFalse() throws IOException {
    assertThat(
            parser.failures(
                bytes("{\"took\":3,\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}")))
        .isEmpty();
  }

  @Test
  void reportsEachFailedItemWithItsPositionStatusAndRootCause() throws IOException {
    String response =
        """
        {"errors":true,"items":[
          {"create":{"status":201}},
          {"create":{"status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse field [attributes.order]",
            "caused_by":{"type":"illegal_argument_exception","reason":"For input string"}}}},
          {"create":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}
        ]}
        """;

    assertThat(parser.failures(bytes(response)))
        .containsExactly(
            new ItemFailure(
                1,
                400,
                "mapper_parsing_exception: failed to parse field [attributes.order]"
                    + " (caused by illegal_argument_exception: For input string)"),
            new ItemFailure(2, 429, "es_rejected_execution_exception: queue full"));
  }

  @Test
  void readsEveryItemWhenTheErrorsFlagIsMissing() throws IOException {
    assertThat(parser.failures(bytes("{\"items\":[{\"index\":{\"status\":503}}]}")))
        .containsExactly(new ItemFailure(0, 503, "no reason given"));
  }

  @Test
  void refusesAResponseThatIsNoJsonObject() {
    assertThatThrownBy(() -> parser.failures(bytes("[]"))).isInstanceOf(IOException.class);
  }

  @Test
  void retriesOnlyBackPressureAndServerErrors() {
    assertThat(new ItemFailure(0, 429, "").retryable()).isTrue();
    assertThat(new ItemFailure(0, 503, "").retryable()).isTrue();
    assertThat(new ItemFailure(0, 400, "").retryable()).isFalse();
    assertThat(new ItemFailure(0, 409, "").retryable()).isFalse();
  }
}
