package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.Optional;

/**
 * One entry of {@code policies} (or of a sub-policy list), in the Collector's shape: a name, a
 * type, and the settings under the key named by the type, e.g. {@code { name: slow, type: latency,
 * latency: { threshold_ms: 1000 } }}. Settings under other types' keys are ignored, as the
 * Collector ignores them.
 */
public record PolicyConfig(
    @JsonProperty("name") String name,
    @JsonProperty("type") String type,
    @JsonProperty("always_sample") AlwaysSampleConfig alwaysSample,
    @JsonProperty("latency") LatencyConfig latency,
    @JsonProperty("status_code") StatusCodeConfig statusCode,
    @JsonProperty("probabilistic") ProbabilisticConfig probabilistic,
    @JsonProperty("string_attribute") StringAttributeConfig stringAttribute,
    @JsonProperty("numeric_attribute") NumericAttributeConfig numericAttribute,
    @JsonProperty("boolean_attribute") BooleanAttributeConfig booleanAttribute,
    @JsonProperty("span_count") SpanCountConfig spanCount,
    @JsonProperty("trace_state") TraceStateConfig traceState,
    @JsonProperty("trace_flags") TraceFlagsConfig traceFlags,
    @JsonProperty("rate_limiting") RateLimitingConfig rateLimiting,
    @JsonProperty("bytes_limiting") BytesLimitingConfig bytesLimiting,
    @JsonProperty("and") AndConfig and,
    @JsonProperty("not") NotConfig notPolicy,
    @JsonProperty("drop") DropConfig drop,
    @JsonProperty("composite") CompositeConfig composite,
    @JsonProperty("dynamic") DynamicConfig dynamic,
    @JsonProperty("ottl_condition") OttlConditionConfig ottlCondition)
    implements Validatable {

  public PolicyConfig {
    // always_sample and trace_flags have nothing to set, so the Collector never writes their keys;
    // give them their (empty) settings.
    alwaysSample = alwaysSample == null ? new AlwaysSampleConfig() : alwaysSample;
    traceFlags = traceFlags == null ? new TraceFlagsConfig() : traceFlags;
  }

  /** The type, if {@code type} names a known one. */
  public Optional<PolicyType> policyType() {
    return type == null ? Optional.empty() : PolicyType.fromKey(type);
  }

  /** The settings under the key of {@code policyType}; null when that key is absent. */
  public Validatable settings(PolicyType policyType) {
    return switch (policyType) {
      case ALWAYS_SAMPLE -> alwaysSample;
      case LATENCY -> latency;
      case STATUS_CODE -> statusCode;
      case PROBABILISTIC -> probabilistic;
      case STRING_ATTRIBUTE -> stringAttribute;
      case NUMERIC_ATTRIBUTE -> numericAttribute;
      case BOOLEAN_ATTRIBUTE -> booleanAttribute;
      case SPAN_COUNT -> spanCount;
      case TRACE_STATE -> traceState;
      case TRACE_FLAGS -> traceFlags;
      case RATE_LIMITING -> rateLimiting;
      case BYTES_LIMITING -> bytesLimiting;
      case AND -> and;
      case NOT -> notPolicy;
      case DROP -> drop;
      case COMPOSITE -> composite;
      case DYNAMIC -> dynamic;
      case OTTL_CONDITION -> ottlCondition;
    };
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(name != null && !name.isBlank(), "name", "required");
    if (type == null || type.isBlank()) {
      errors.add("type", "required; known types: " + PolicyType.knownKeys());
      return;
    }
    Optional<PolicyType> known = policyType();
    if (known.isEmpty()) {
      errors.add("type", "unknown type \"" + type + "\"; known types: " + PolicyType.knownKeys());
      return;
    }
    Validatable settings = settings(known.get());
    if (settings == null) {
      errors.add(type, "required for type " + type);
      return;
    }
    settings.validate(errors.at(type));
  }
}
