package dev.tailgate.processor.tailsampling.policy;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code trace_flags}: keeps traces with a span whose W3C trace flags have the sampled bit set;
 * nothing to set.
 */
public record TraceFlagsConfig() implements Validatable {
  @Override
  public void validate(ConfigErrors errors) {}
}
