package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

/** Known vectors: FIPS 180-2 (SHA-256 of "abc") and RFC 4231 test case 2 (key "Jefe"). */
class HashingTest {
  private static final String SHA256_ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String RFC4231_DATA = "what do ya want for nothing?";
  private static final String RFC4231_HMAC_SHA256 =
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  private static final String RFC4231_HMAC_SHA512 =
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";

  private static ExportTraceServiceRequest spanWith(KeyValue attribute) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder().addSpans(Span.newBuilder().addAttributes(attribute))))
        .build();
  }

  private static String firstValue(ExportTraceServiceRequest request) {
    return request
        .getResourceSpans(0)
        .getScopeSpans(0)
        .getSpans(0)
        .getAttributes(0)
        .getValue()
        .getStringValue();
  }

  @Test
  void sha256ReplacesTheMatchedPartByItsHexDigest() {
    var config = config("{ allow_all_keys: true, blocked_values: [abc], hash_function: sha256 }");

    var out = redact(config, Signal.TRACES, spanWith(str("k", "<abc>")));

    assertThat(firstValue(out)).isEqualTo("<" + SHA256_ABC + ">");
  }

  @Test
  void hmacSha256HashesAWholeBlockedValueWithTheKey() {
    var config =
        config(
            "{ allow_all_keys: true, blocked_key_patterns: [question], hash_function: hmac-sha256,"
                + " hmac_key: Jefe }");

    var out = redact(config, Signal.TRACES, spanWith(str("question", RFC4231_DATA)));

    assertThat(firstValue(out)).isEqualTo(RFC4231_HMAC_SHA256);
  }

  @Test
  void hmacSha512IsThereForCollectorConfigs() {
    var config =
        config(
            "{ allow_all_keys: true, blocked_key_patterns: [question], hash_function: hmac-sha512,"
                + " hmac_key: Jefe }");

    assertThat(firstValue(redact(config, Signal.TRACES, spanWith(str("question", RFC4231_DATA)))))
        .isEqualTo(RFC4231_HMAC_SHA512);
  }

  @Test
  void hashesAreStableAcrossBatchesAndProcessorInstances() {
    var config =
        config(
            "{ allow_all_keys: true, value_patterns: [email], hash_function: hmac-sha256, hmac_key:"
                + " k1 }");
    var in = spanWith(str("user", "ada@example.org"));

    String first = firstValue(redact(config, Signal.TRACES, in));
    String second =
        firstValue(redact(config, Signal.TRACES, spanWith(str("other", "ada@example.org"))));

    assertThat(first).hasSize(64).matches("[0-9a-f]+").isEqualTo(second);
  }

  @Test
  void differentHmacKeysGiveDifferentHashes() {
    var in = spanWith(str("user", "ada@example.org"));
    var one =
        config(
            "{ allow_all_keys: true, value_patterns: [email], hash_function: hmac-sha256, hmac_key:"
                + " k1 }");
    var two =
        config(
            "{ allow_all_keys: true, value_patterns: [email], hash_function: hmac-sha256, hmac_key:"
                + " k2 }");

    assertThat(firstValue(redact(one, Signal.TRACES, in)))
        .isNotEqualTo(firstValue(redact(two, Signal.TRACES, in)));
  }
}
