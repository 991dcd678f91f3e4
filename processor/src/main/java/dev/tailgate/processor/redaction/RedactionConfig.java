package dev.tailgate.processor.redaction;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code redaction}: the Collector's redaction processor keys, plus {@code value_patterns}
 * (ready-made value patterns by name). Fails closed like the Collector: unless {@code
 * allow_all_keys} is true, attributes whose key is not in {@code allowed_keys} are removed.
 */
public record RedactionConfig(
    @JsonProperty("allow_all_keys") Boolean allowAllKeys,
    @JsonProperty("allowed_keys") List<String> allowedKeys,
    @JsonProperty("ignored_keys") List<String> ignoredKeys,
    @JsonProperty("blocked_key_patterns") List<String> blockedKeyPatterns,
    @JsonProperty("blocked_values") List<String> blockedValues,
    @JsonProperty("allowed_values") List<String> allowedValues,
    @JsonProperty("value_patterns") List<ValuePattern> valuePatterns,
    @JsonProperty("redact_all_types") Boolean redactAllTypes,
    @JsonProperty("hash_function") HashFunction hashFunction,
    @JsonProperty("hmac_key") String hmacKey,
    @JsonProperty("mask") String mask,
    @JsonProperty("summary") SummaryLevel summary,
    @JsonProperty("masking_string") String maskingString,
    @JsonProperty("ignored_key_patterns") List<String> ignoredKeyPatterns,
    @JsonProperty("url_sanitizer") JsonNode urlSanitizer,
    @JsonProperty("db_sanitizer") JsonNode dbSanitizer)
    implements Validatable {

  public static final String DEFAULT_MASK = "****";

  public RedactionConfig {
    allowAllKeys = allowAllKeys != null && allowAllKeys;
    allowedKeys = listOrEmpty(allowedKeys);
    ignoredKeys = listOrEmpty(ignoredKeys);
    blockedKeyPatterns = listOrEmpty(blockedKeyPatterns);
    blockedValues = listOrEmpty(blockedValues);
    allowedValues = listOrEmpty(allowedValues);
    valuePatterns = listOrEmpty(valuePatterns);
    redactAllTypes = redactAllTypes != null && redactAllTypes;
    hashFunction = hashFunction == null ? HashFunction.NONE : hashFunction;
    hmacKey = hmacKey == null ? "" : hmacKey;
    // masking_string is the Collector's name for mask; validate refuses both at once.
    mask = mask != null ? mask : maskingString != null ? maskingString : DEFAULT_MASK;
    summary = summary == null ? SummaryLevel.SILENT : summary;
    ignoredKeyPatterns = listOrEmpty(ignoredKeyPatterns);
  }

  /**
   * Every key but the Collector's newer ones (masking_string, ignored_key_patterns, sanitizers).
   */
  public RedactionConfig(
      Boolean allowAllKeys,
      List<String> allowedKeys,
      List<String> ignoredKeys,
      List<String> blockedKeyPatterns,
      List<String> blockedValues,
      List<String> allowedValues,
      List<ValuePattern> valuePatterns,
      Boolean redactAllTypes,
      HashFunction hashFunction,
      String hmacKey,
      String mask,
      SummaryLevel summary) {
    this(
        allowAllKeys,
        allowedKeys,
        ignoredKeys,
        blockedKeyPatterns,
        blockedValues,
        allowedValues,
        valuePatterns,
        redactAllTypes,
        hashFunction,
        hmacKey,
        mask,
        summary,
        null,
        null,
        null,
        null);
  }

  /** All defaults: every attribute is removed (fail closed), nothing is masked. */
  public static RedactionConfig defaults() {
    return new RedactionConfig(
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Override
  public void validate(ConfigErrors errors) {
    checkNoBlanks(allowedKeys, "allowed_keys", errors);
    checkNoBlanks(ignoredKeys, "ignored_keys", errors);
    checkRegexes(blockedKeyPatterns, "blocked_key_patterns", errors);
    checkRegexes(blockedValues, "blocked_values", errors);
    checkRegexes(allowedValues, "allowed_values", errors);
    for (int i = 0; i < valuePatterns.size(); i++) {
      errors.check(
          valuePatterns.get(i) != null, "value_patterns[" + i + "]", "must name a pattern");
    }
    if (hashFunction.keyed()) {
      errors.check(
          !hmacKey.isEmpty(),
          "hmac_key",
          "required when hash_function is " + hashFunction.configName());
    } else {
      errors.check(
          hmacKey.isEmpty(),
          "hmac_key",
          "only used with hash_function hmac-sha256 or hmac-sha512 (hash_function is "
              + hashFunction.configName()
              + ")");
    }
    errors.check(
        !mask.isEmpty(), "mask", "must not be empty (it shows where something was hidden)");
    validateCollectorKeys(errors);
  }

  private void validateCollectorKeys(ConfigErrors errors) {
    checkRegexes(ignoredKeyPatterns, "ignored_key_patterns", errors);
    if (maskingString != null) {
      errors.check(
          hashFunction == HashFunction.NONE,
          "masking_string",
          "cannot go with hash_function ("
              + hashFunction.configName()
              + "): a masked part is"
              + " either replaced by the string or by its hash");
      errors.check(
          mask.equals(maskingString),
          "masking_string",
          "is the Collector's name for mask; set only one of them");
    }
    String sanitizer =
        "has no effect here: Tailgate does not rewrite URLs or database statements; mask their"
            + " variable parts with blocked_values or value_patterns";
    if (urlSanitizer != null && !urlSanitizer.isNull()) {
      errors.warn("url_sanitizer", sanitizer);
    }
    if (dbSanitizer != null && !dbSanitizer.isNull()) {
      errors.warn("db_sanitizer", sanitizer);
    }
  }

  /** The key stays out of logs and error messages. */
  @Override
  public String toString() {
    return "RedactionConfig[allow_all_keys="
        + allowAllKeys
        + ", allowed_keys="
        + allowedKeys
        + ", ignored_keys="
        + ignoredKeys
        + ", blocked_key_patterns="
        + blockedKeyPatterns
        + ", blocked_values="
        + blockedValues
        + ", allowed_values="
        + allowedValues
        + ", value_patterns="
        + valuePatterns
        + ", redact_all_types="
        + redactAllTypes
        + ", hash_function="
        + hashFunction.configName()
        + ", hmac_key="
        + (hmacKey.isEmpty() ? "" : "<hidden>")
        + ", mask="
        + mask
        + ", summary="
        + summary.configName()
        + ", ignored_key_patterns="
        + ignoredKeyPatterns
        + "]";
  }

  private static <E> List<E> listOrEmpty(List<E> list) {
    // Not List.copyOf: a null element (an empty YAML item) must reach validate to be reported.
    return list == null
        ? List.of()
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
  }

  private static void checkNoBlanks(List<String> keys, String key, ConfigErrors errors) {
    for (int i = 0; i < keys.size(); i++) {
      errors.check(
          keys.get(i) != null && !keys.get(i).isEmpty(), key + "[" + i + "]", "must not be empty");
    }
  }

  private static void checkRegexes(List<String> regexes, String key, ConfigErrors errors) {
    for (int i = 0; i < regexes.size(); i++) {
      String regex = regexes.get(i);
      if (regex == null || regex.isEmpty()) {
        errors.add(key + "[" + i + "]", "must not be empty");
        continue;
      }
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        errors.add(
            key + "[" + i + "]",
            "invalid regex: " + e.getDescription() + " near index " + e.getIndex());
      }
    }
  }
}
