package dev.tailgate.processor.tailsampling.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The policy types, by the key that names them in config ({@code type: latency}, {@code latency:
 * {...}}).
 */
public enum PolicyType {
  ALWAYS_SAMPLE("always_sample"),
  LATENCY("latency"),
  STATUS_CODE("status_code"),
  PROBABILISTIC("probabilistic"),
  STRING_ATTRIBUTE("string_attribute"),
  NUMERIC_ATTRIBUTE("numeric_attribute"),
  BOOLEAN_ATTRIBUTE("boolean_attribute"),
  SPAN_COUNT("span_count"),
  TRACE_STATE("trace_state"),
  TRACE_FLAGS("trace_flags"),
  RATE_LIMITING("rate_limiting"),
  BYTES_LIMITING("bytes_limiting"),
  AND("and"),
  NOT("not"),
  DROP("drop"),
  COMPOSITE("composite"),
  DYNAMIC("dynamic"),
  OTTL_CONDITION("ottl_condition");

  private final String key;

  PolicyType(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<PolicyType> fromKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }

  /** For messages: "always_sample, latency, ...". */
  public static String knownKeys() {
    return Arrays.stream(values()).map(PolicyType::key).collect(Collectors.joining(", "));
  }
}
