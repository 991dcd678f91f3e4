package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code span_count}: keeps traces with at least {@code min_spans} and at most {@code max_spans}
 * (0: no limit) spans.
 */
public record SpanCountConfig(
    @JsonProperty("min_spans") Integer minSpans, @JsonProperty("max_spans") Integer maxSpans)
    implements Validatable {

  public SpanCountConfig {
    minSpans = minSpans == null ? 0 : minSpans;
    maxSpans = maxSpans == null ? 0 : maxSpans;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(minSpans >= 0, "min_spans", "must be >= 0");
    errors.check(maxSpans >= 0, "max_spans", "must be >= 0 (0: no limit)");
    errors.check(minSpans > 0 || maxSpans > 0, "", "set min_spans and/or max_spans");
    errors.check(
        maxSpans == 0 || maxSpans >= minSpans,
        "max_spans",
        "must be 0 or >= min_spans (" + minSpans + ")");
  }
}
