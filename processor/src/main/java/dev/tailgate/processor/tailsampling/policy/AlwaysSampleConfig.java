package dev.tailgate.processor.tailsampling.policy;

import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/** {@code always_sample}: keeps every trace; nothing to set. */
public record AlwaysSampleConfig() implements Validatable {
  @Override
  public void validate(ConfigErrors errors) {}
}
