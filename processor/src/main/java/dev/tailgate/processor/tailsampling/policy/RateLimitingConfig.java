package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code rate_limiting}: keeps traces while their spans fit {@code spans_per_second} in the current
 * second.
 */
public record RateLimitingConfig(@JsonProperty("spans_per_second") Long spansPerSecond)
    implements Validatable {
  @Override
  public void validate(ConfigErrors errors) {
    if (spansPerSecond == null) {
      errors.add("spans_per_second", "required (> 0)");
    } else {
      errors.check(spansPerSecond > 0, "spans_per_second", "must be > 0");
    }
  }
}
