package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code boolean_attribute}: keeps traces where a span or resource has the boolean attribute {@code
 * key} equal to {@code value}. {@code invert_match} keeps the traces that have no such attribute.
 */
public record BooleanAttributeConfig(
    @JsonProperty("key") String key,
    @JsonProperty("value") Boolean value,
    @JsonProperty("invert_match") Boolean invertMatch)
    implements Validatable {

  public BooleanAttributeConfig {
    invertMatch = invertMatch != null && invertMatch;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(key != null && !key.isEmpty(), "key", "required");
    errors.check(value != null, "value", "required (true or false)");
  }
}
