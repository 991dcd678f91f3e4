package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;

/**
 * {@code probabilistic}: keeps {@code sampling_percentage} percent of traces, chosen by a hash of
 * {@code hash_salt} and the trace id, so gateways with the same salt keep the same traces.
 */
public record ProbabilisticConfig(
    @JsonProperty("sampling_percentage") Double samplingPercentage,
    @JsonProperty("hash_salt") String hashSalt)
    implements Validatable {
  /** The Collector's default salt: with it, Tailgate and Collectors keep the same traces. */
  public static final String DEFAULT_HASH_SALT = "default-hash-seed";

  public ProbabilisticConfig {
    hashSalt = hashSalt == null || hashSalt.isEmpty() ? DEFAULT_HASH_SALT : hashSalt;
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (samplingPercentage == null) {
      errors.add("sampling_percentage", "required (0 to 100)");
      return;
    }
    errors.check(
        samplingPercentage >= 0 && samplingPercentage <= 100,
        "sampling_percentage",
        "must be between 0 and 100");
  }
}
