package dev.tailgate.processor.tailsampling;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code decision_cache}: how many decided trace ids to remember, so spans that arrive after their
 * trace was decided follow that decision. 0 turns a cache off.
 */
public record DecisionCacheConfig(
    @JsonProperty("sampled_cache_size") Integer sampledCacheSize,
    @JsonProperty("non_sampled_cache_size") Integer nonSampledCacheSize)
    implements Validatable {

  public static final DecisionCacheConfig OFF = new DecisionCacheConfig(0, 0);

  public DecisionCacheConfig {
    sampledCacheSize = sampledCacheSize == null ? 0 : sampledCacheSize;
    nonSampledCacheSize = nonSampledCacheSize == null ? 0 : nonSampledCacheSize;
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(sampledCacheSize >= 0, "sampled_cache_size", "must be >= 0 (0: off)");
    errors.check(nonSampledCacheSize >= 0, "non_sampled_cache_size", "must be >= 0 (0: off)");
  }
}
