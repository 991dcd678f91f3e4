package dev.tailgate.processor.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionConfigTest {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final ConfigErrors errors = new ConfigErrors();

  private RedactionConfig bindFixture(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return bind(yaml.readTree(in));
    }
  }

  private RedactionConfig bindText(String text) throws Exception {
    return bind(yaml.readTree(text));
  }

  private RedactionConfig bind(JsonNode node) {
    return new ConfigBinder()
        .bind(node, RedactionConfig.class, "processors.redaction", errors)
        .orElse(null);
  }

  @Test
  void takesMaskingStringAsTheMaskAsTheCollectorNamesIt() throws Exception {
    assertThat(bindText("{ masking_string: '[REDACTED]' }").mask()).isEqualTo("[REDACTED]");
  }

  @Test
  void refusesMaskingStringWithAHashFunctionAsTheCollector() throws Exception {
    assertThat(bindText("{ masking_string: '[REDACTED]', hash_function: md5 }")).isNull();

    assertThat(errors.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("processors.redaction.masking_string: cannot go with hash_function (md5)");
  }

  @Test
  void warnsThatTheUrlAndDbSanitizersHaveNoEffect() throws Exception {
    bindText(
        "{ allow_all_keys: true, url_sanitizer: { enabled: true, attributes: [url.full] },"
            + " db_sanitizer: { sql: { enabled: true } } }");

    assertThat(errors.problems()).isEmpty();
    assertThat(errors.warnings())
        .extracting(w -> w.substring(0, w.indexOf(':')))
        .containsExactly("processors.redaction.url_sanitizer", "processors.redaction.db_sanitizer");
  }

  @Test
  void reportsAnInvalidIgnoredKeyPatternWithItsIndex() throws Exception {
    assertThat(bindText("{ ignored_key_patterns: ['ok', '(open'] }")).isNull();

    assertThat(errors.problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("processors.redaction.ignored_key_patterns[1]: invalid regex");
  }

  @Test
  void bindsEveryCollectorKeyAndTheNamedPatterns() throws Exception {
    RedactionConfig config = bindFixture("full.yaml");

    assertThat(errors.problems()).isEmpty();
    assertThat(config.allowAllKeys()).isFalse();
    assertThat(config.allowedKeys()).containsExactly("http.method", "http.route", "notes");
    assertThat(config.ignoredKeys()).containsExactly("safe_attribute");
    assertThat(config.blockedKeyPatterns()).containsExactly(".*token.*", "(?i)password");
    assertThat(config.blockedValues())
        .containsExactly("4[0-9]{12}(?:[0-9]{3})?", "(5[1-5][0-9]{14})");
    assertThat(config.allowedValues()).containsExactly(".+@mycompany\\.com");
    assertThat(config.valuePatterns())
        .containsExactly(
            ValuePattern.CREDIT_CARD,
            ValuePattern.EMAIL,
            ValuePattern.BEARER_TOKEN,
            ValuePattern.AWS_ACCESS_KEY,
            ValuePattern.IPV4);
    assertThat(config.redactAllTypes()).isTrue();
    assertThat(config.hashFunction()).isEqualTo(HashFunction.HMAC_SHA256);
    assertThat(config.hmacKey()).isEqualTo("not-a-real-key");
    assertThat(config.mask()).isEqualTo("[hidden]");
    assertThat(config.summary()).isEqualTo(SummaryLevel.DEBUG);
  }

  @Test
  void anEmptyBlockGetsTheFailClosedDefaults() throws Exception {
    RedactionConfig config = bindFixture("empty.yaml");

    assertThat(config).isEqualTo(RedactionConfig.defaults());
    assertThat(config.allowAllKeys()).isFalse();
    assertThat(config.allowedKeys()).isEmpty();
    assertThat(config.hashFunction()).isEqualTo(HashFunction.NONE);
    assertThat(config.mask()).isEqualTo("****");
    assertThat(config.summary()).isEqualTo(SummaryLevel.SILENT);
    assertThat(config.redactAllTypes()).isFalse();
  }

  @Test
  void reportsEveryInvalidRegexByIndexAndTheMissingKeyAndEmptyMask() throws Exception {
    assertThat(bindFixture("invalid.yaml")).isNull();

    List<String> problems = errors.problems();
    assertThat(problems).hasSize(5);
    assertThat(problems.get(0))
        .startsWith("processors.redaction.blocked_key_patterns[1]: invalid regex: Unclosed group");
    assertThat(problems.get(1))
        .startsWith("processors.redaction.blocked_values[1]: invalid regex: ");
    assertThat(problems.get(2))
        .startsWith(
            "processors.redaction.allowed_values[0]: invalid regex: Dangling meta character '*'");
    assertThat(problems.get(3))
        .isEqualTo("processors.redaction.hmac_key: required when hash_function is hmac-sha256");
    assertThat(problems.get(4)).startsWith("processors.redaction.mask: must not be empty");
  }

  @Test
  void refusesAnUnknownPatternNameNamingItsIndex() throws Exception {
    assertThat(bindText("{ value_patterns: [email, credit-card] }")).isNull();

    assertThat(errors.problems())
        .containsExactly(
            "processors.redaction.value_patterns[1]: unknown pattern \"credit-card\"; known"
                + " patterns: credit_card, email, bearer_token, aws_access_key, ipv4");
  }

  @Test
  void refusesAnUnknownHashFunctionAndSummaryLevel() throws Exception {
    bindText("{ hash_function: sha512 }");
    bindText("{ summary: verbose }");

    assertThat(errors.problems()).hasSize(2);
    assertThat(errors.problems().get(0))
        .startsWith(
            "processors.redaction.hash_function: \"sha512\" is not a hash function; expected one of"
                + " none, md5");
    assertThat(errors.problems().get(1))
        .isEqualTo("processors.redaction.summary: \"verbose\" must be silent, info or debug");
  }

  @Test
  void refusesAKeyWithoutAKeyedHashFunction() throws Exception {
    assertThat(bindText("{ hash_function: sha256, hmac_key: secret }")).isNull();

    assertThat(errors.problems())
        .containsExactly(
            "processors.redaction.hmac_key: only used with hash_function hmac-sha256 or hmac-sha512"
                + " (hash_function is sha256)");
  }

  @Test
  void refusesUnknownKeys() throws Exception {
    assertThat(bindText("{ allowed_kyes: a }")).isNull();

    assertThat(errors.problems().get(0))
        .startsWith("processors.redaction.allowed_kyes: unknown key");
  }

  @Test
  void keepsTheHmacKeyOutOfToString() throws Exception {
    RedactionConfig config = bindFixture("full.yaml");

    assertThat(config.toString()).doesNotContain("not-a-real-key").contains("hmac_key=<hidden>");
  }
}
