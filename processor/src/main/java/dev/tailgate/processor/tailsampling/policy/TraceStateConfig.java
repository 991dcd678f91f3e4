package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;

/**
 * {@code trace_state}: keeps traces with a span whose W3C tracestate has {@code key} set to one of
 * {@code values}.
 */
public record TraceStateConfig(
    @JsonProperty("key") String key, @JsonProperty("values") List<String> values)
    implements Validatable {
  /** W3C trace context: keys and values are at most 256 characters. */
  static final int MAX_LENGTH = 256;

  public TraceStateConfig {
    values = values == null ? List.of() : values;
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (key == null || key.isEmpty()) {
      errors.add("key", "required");
    } else {
      errors.check(
          key.length() <= MAX_LENGTH, "key", "must be at most " + MAX_LENGTH + " characters");
    }
    errors.check(!values.isEmpty(), "values", "must list at least one value");
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      errors.check(
          value != null && !value.isEmpty() && value.length() <= MAX_LENGTH,
          "values[" + i + "]",
          "must be 1 to " + MAX_LENGTH + " characters");
    }
  }
}
