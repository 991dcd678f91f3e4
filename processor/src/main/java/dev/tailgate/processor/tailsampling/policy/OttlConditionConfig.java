package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import dev.tailgate.processor.ottl.Conditions;
import dev.tailgate.processor.ottl.ErrorMode;
import dev.tailgate.processor.ottl.OttlContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code ottl_condition}: keeps traces with a span matching one of the {@code span} conditions or a
 * span event matching one of the {@code spanevent} conditions (OTTL, as in the filter processor).
 * {@code error_mode} (default propagate) decides what a condition that fails on a span does:
 * propagate makes the policy err on the trace (counted as an error, not sampled by it); ignore and
 * silent count the condition as false.
 */
public record OttlConditionConfig(
    @JsonProperty("error_mode") ErrorMode errorMode,
    @JsonProperty("span") List<String> span,
    @JsonProperty("spanevent") List<String> spanevent)
    implements Validatable {

  public OttlConditionConfig {
    errorMode = errorMode == null ? ErrorMode.PROPAGATE : errorMode;
    span = listOrEmpty(span);
    spanevent = listOrEmpty(spanevent);
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (span.isEmpty() && spanevent.isEmpty()) {
      errors.add("", "give at least one condition in span or spanevent");
    }
    Conditions.validate(span, OttlContext.SPAN, "span", errors);
    Conditions.validate(spanevent, OttlContext.SPANEVENT, "spanevent", errors);
  }

  private static List<String> listOrEmpty(List<String> list) {
    // Not List.copyOf: a null element (an empty YAML item) must reach validate to be reported.
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
