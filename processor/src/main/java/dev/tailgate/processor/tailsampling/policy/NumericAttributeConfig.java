package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code numeric_attribute}: keeps traces where a span or resource has the numeric attribute {@code
 * key} within [{@code min_value}, {@code max_value}] (either bound may be left out). {@code
 * invert_match} keeps the traces that have no such attribute.
 */
public record NumericAttributeConfig(
    @JsonProperty("key") String key,
    @JsonProperty("min_value") Long minValue,
    @JsonProperty("max_value") Long maxValue,
    @JsonProperty("invert_match") Boolean invertMatch)
    implements Validatable {

  public NumericAttributeConfig {
    invertMatch = invertMatch != null && invertMatch;
  }

  public long lowerBound() {
    return minValue == null ? Long.MIN_VALUE : minValue;
  }

  public long upperBound() {
    return maxValue == null ? Long.MAX_VALUE : maxValue;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(key != null && !key.isEmpty(), "key", "required");
    errors.check(minValue != null || maxValue != null, "", "set min_value and/or max_value");
    if (minValue != null && maxValue != null) {
      errors.check(maxValue >= minValue, "max_value", "must be >= min_value (" + minValue + ")");
    }
  }
}
