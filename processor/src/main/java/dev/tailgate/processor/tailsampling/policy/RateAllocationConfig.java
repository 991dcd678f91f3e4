package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code rate_allocation} entry of a composite policy: {@code percent} of its spans per second
 * go to {@code policy}.
 */
public record RateAllocationConfig(
    @JsonProperty("policy") String policy, @JsonProperty("percent") Double percent) {
  public RateAllocationConfig {
    percent = percent == null ? 0.0 : percent;
  }
}
